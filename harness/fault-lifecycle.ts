import type { Fault, FaultContext } from '../nemesis/fault.js';

/** Faults that were set up, and the one way to tear them all down. */
export interface SetUpFaults {
  /** Tears down every fault that was set up, each even if another failed; never throws (failures are reported). */
  tearDown(): Promise<void>;
}

/**
 * Runs each fault's setup, in order, before the workload starts. If one fails, those already set
 * up are torn down and the error names the fault.
 */
export async function setUpFaults(faults: readonly Fault[], ctx: FaultContext, report: (line: string) => void): Promise<SetUpFaults> {
  const done: Fault[] = [];
  let tornDown = false;
  const tearDown = async (): Promise<void> => {
    if (tornDown) return;
    tornDown = true;
    for (const fault of done.reverse()) {
      try {
        await fault.teardown?.(ctx);
      } catch (err) {
        report(`could not tear down fault ${fault.name}: ${(err as Error).message}`);
      }
    }
  };
  for (const fault of faults) {
    try {
      await fault.setup?.(ctx);
      done.push(fault);
    } catch (err) {
      done.push(fault);
      await tearDown();
      throw new Error(`could not set up fault ${fault.name}: ${(err as Error).message}`, { cause: err });
    }
  }
  return { tearDown };
}
