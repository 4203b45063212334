import pLimit from 'p-limit';
import type { ClientSpawner } from './client-process.js';

/** Client containers started at once. A start is mostly waiting (the engine's create and start,
 * the client's Node booting), so more at once ramp faster: on the 2-core machine, 100 clients
 * reached their first op after 65 s at 16 against 88 s at 8 (BENCHMARKS.md, issue 8). Few enough
 * that the engine is never flooded with create/start calls. */
export const START_CONCURRENCY = 16;

/** A start that was still queued when the test began to stop: nothing was started. */
export class SpawnCancelled extends Error {
  override name = 'SpawnCancelled';
}

export interface LimitedSpawner extends ClientSpawner {
  /** Resolves once the first `clients` clients have started (the time limit counts from then). */
  readonly ramped: Promise<void>;
}

/**
 * A spawner that starts at most `concurrency` clients at a time and reports the initial ramp
 * ("started 40/100 clients") every tenth client and at its end. A start still queued once
 * `cancelled()` holds throws SpawnCancelled instead of starting a container nobody will use.
 */
export function limitedSpawner(opts: { spawner: ClientSpawner; clients: number; concurrency?: number; cancelled(): boolean; onProgress(line: string): void }): LimitedSpawner {
  const limit = pLimit(opts.concurrency ?? START_CONCURRENCY);
  const step = Math.max(1, Math.ceil(opts.clients / 10));
  let started = 0;
  let rampDone = (): void => undefined;
  const ramped = new Promise<void>((resolve) => { rampDone = resolve; });
  return {
    ramped,
    spawn: (process) => limit(async () => {
      if (opts.cancelled()) throw new SpawnCancelled(`client ${process} was not started: the test is stopping`);
      const client = await opts.spawner.spawn(process);
      started++;
      if (started <= opts.clients && (started % step === 0 || started === opts.clients)) opts.onProgress(`  started ${started}/${opts.clients} clients`);
      if (started === opts.clients) rampDone();
      return client;
    }),
  };
}
