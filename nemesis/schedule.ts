import type { HistoryRecorder } from '../harness/history-recorder.js';
import type { Random } from '../harness/random.js';
import type { ActiveFault, Fault, FaultContext } from './fault.js';

export interface NemesisScheduleOptions {
  faults: readonly Fault[];
  context: FaultContext;
  recorder: HistoryRecorder;
  random: Random;
  /** Mean pause between faults; each wait is drawn from [interval/2, interval*3/2]. */
  intervalMs: number;
  /** How long each fault lasts before it is healed. */
  durationMs: number;
  stopping(): boolean;
  /** Sleeps, waking early when the test stops. */
  sleep(ms: number): Promise<void>;
}

const RETRY_MS = 50;

/**
 * Runs faults one at a time until the test stops, recording each start and stop as a nemesis
 * op. Whatever is active when it ends, by stop or by error, is healed before it returns.
 */
export async function runNemesisSchedule(opts: NemesisScheduleOptions): Promise<void> {
  if (opts.faults.length === 0) return;
  let active: { fault: Fault; started: ActiveFault } | null = null;
  const stop = async (): Promise<void> => {
    if (!active) return;
    const { fault, started } = active;
    active = null;
    await started.heal();
    opts.recorder.record({ type: 'info', process: 'nemesis', f: 'stop', value: { fault: fault.name, targets: started.targets, ...started.details } });
  };
  try {
    while (!opts.stopping()) {
      await opts.sleep(opts.random.int(Math.floor(opts.intervalMs / 2), Math.floor((opts.intervalMs * 3) / 2)));
      const fault = opts.random.pick(opts.faults);
      let started: ActiveFault | null = null;
      while (!opts.stopping() && !(started = await fault.start(opts.context))) await opts.sleep(RETRY_MS);
      if (!started) break;
      active = { fault, started };
      opts.recorder.record({ type: 'info', process: 'nemesis', f: 'start', value: { fault: fault.name, targets: started.targets, ...started.details } });
      await opts.sleep(opts.durationMs);
      await stop();
    }
  } finally {
    await stop();
  }
}
