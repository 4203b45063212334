import pLimit from 'p-limit';
import type { ClientSpawner } from './client-process.js';

/** Client containers started at once: enough to start a hundred in seconds, few enough that the
 * engine (and a 2-core machine) is never flooded with create/start calls. */
export const START_CONCURRENCY = 8;

/**
 * A spawner that starts at most `concurrency` clients at a time and reports the initial ramp
 * ("started 40/100 clients") every tenth client and at its end.
 */
export function limitedSpawner(opts: { spawner: ClientSpawner; clients: number; concurrency?: number; onProgress(line: string): void }): ClientSpawner {
  const limit = pLimit(opts.concurrency ?? START_CONCURRENCY);
  const step = Math.max(1, Math.ceil(opts.clients / 10));
  let started = 0;
  return {
    spawn: (process) => limit(async () => {
      const client = await opts.spawner.spawn(process);
      started++;
      if (started <= opts.clients && (started % step === 0 || started === opts.clients)) opts.onProgress(`  started ${started}/${opts.clients} clients`);
      return client;
    }),
  };
}
