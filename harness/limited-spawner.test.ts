import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { ClientProcess, ClientSpawner } from './client-process.js';
import { limitedSpawner, SpawnCancelled } from './limited-spawner.js';

/** A spawner whose starts take a few ms, recording how many run at once. */
function slowSpawner(): ClientSpawner & { most: number } {
  let running = 0;
  const out = {
    most: 0,
    async spawn(process: number): Promise<ClientProcess> {
      running++;
      out.most = Math.max(out.most, running);
      await sleep(5);
      running--;
      return { process } as unknown as ClientProcess;
    },
  };
  return out;
}

describe('limitedSpawner', () => {
  it('starts at most `concurrency` at once, reports the ramp by tenths, and resolves `ramped` at the last', async () => {
    const inner = slowSpawner();
    const lines: string[] = [];
    const s = limitedSpawner({ spawner: inner, clients: 20, concurrency: 3, cancelled: () => false, onProgress: (l) => lines.push(l) });
    let ramped = false;
    void s.ramped.then(() => { ramped = true; });
    const started = await Promise.all(Array.from({ length: 20 }, (_, i) => s.spawn(i)));
    await Promise.resolve();
    expect(started.map((c) => c.process)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(inner.most).toBe(3);
    expect(lines).toEqual(Array.from({ length: 10 }, (_, i) => `  started ${(i + 1) * 2}/20 clients`));
    expect(ramped).toBe(true);
  });

  it('drops the starts still queued once the test stops: they throw SpawnCancelled and start nothing', async () => {
    const inner = slowSpawner();
    let stop = false;
    const s = limitedSpawner({ spawner: inner, clients: 6, concurrency: 2, cancelled: () => stop, onProgress: () => undefined });
    const all = Array.from({ length: 6 }, (_, i) => s.spawn(i).then(() => 'started', (err: unknown) => (err instanceof SpawnCancelled ? 'cancelled' : 'failed')));
    await sleep(1);
    stop = true;
    // The first two were already running when the test stopped; the four queued never start.
    expect(await Promise.all(all)).toEqual(['started', 'started', 'cancelled', 'cancelled', 'cancelled', 'cancelled']);
  });
});
