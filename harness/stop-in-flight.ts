import type { ClientReply } from '../workloads/protocol.js';
import type { ClientProcess, ClientSpawner } from './client-process.js';
import { SpawnCancelled } from './limited-spawner.js';

/** What a call still in flight when the test is cancelled ends as: its outcome is unknown. */
export const CANCELLED_ERROR = 'the test was stopped (Ctrl-C) while this call was in flight: its outcome is unknown';

/**
 * Starts the work unless the signal has fired, and resolves with it, or with `onCancel()` as soon
 * as the signal fires, whichever comes first. Work under way goes on (a call in a container cannot
 * be taken back); only the caller stops waiting for it, so a worker ends at once and nothing it
 * does later reaches the history.
 */
export function untilCancelled<T>(start: () => Promise<T>, signal: AbortSignal, onCancel: () => T): Promise<T> {
  if (signal.aborted) return Promise.resolve(onCancel());
  const work = start();
  return new Promise<T>((resolve, reject) => {
    const cancel = (): void => resolve(onCancel());
    signal.addEventListener('abort', cancel, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', cancel));
  });
}

/**
 * A spawner whose starts and calls end once `signal` fires: a start still under way throws
 * SpawnCancelled (its client, should it come up later, is retired at once) and a call in flight
 * answers `info` (CANCELLED_ERROR). With it every worker ends promptly after a Ctrl-C, so the
 * harness can await them all before the final read and no op is recorded after it.
 */
export function cancellableSpawner(spawner: ClientSpawner, signal: AbortSignal): ClientSpawner {
  return {
    async spawn(process) {
      let starting: Promise<ClientProcess> | null = null;
      const started = await untilCancelled<ClientProcess | null>(() => (starting = spawner.spawn(process)), signal, () => null);
      if (started === null) {
        (starting as Promise<ClientProcess> | null)?.then((late) => late.retire(), () => undefined).catch(() => undefined);
        throw new SpawnCancelled(`client ${process} was not used: the test was stopped while it started`);
      }
      return {
        ...started,
        call: (req, timeoutMs) => untilCancelled<ClientReply>(() => started.call(req, timeoutMs), signal,
          () => ({ id: -1, type: 'info', error: CANCELLED_ERROR })),
        retire: () => started.retire(),
      };
    },
  };
}
