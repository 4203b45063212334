import { processFaultKind } from './fault-kind.js';
import { isGone } from './target-exec.js';

/** SIGSTOP, as a GC pause would stop a process: its heartbeats and lease renewals stop too. */
export const pauseKind = processFaultKind({
  kind: 'pause',
  description: 'SIGSTOP the process, SIGCONT after the fault duration',
  apply: (target) => target.signal('SIGSTOP'),
  async undo(target) {
    // A target retired or killed while paused has nothing left to resume.
    await target.signal('SIGCONT').catch((err: unknown) => { if (!isGone(err)) throw err; });
  },
});

/** The pause of the lock holder, preferably between its read and its write (the GC-pause scenario). */
export const pauseHolder = pauseKind.make('holder');
export const pauseClient = pauseKind.make('client');
