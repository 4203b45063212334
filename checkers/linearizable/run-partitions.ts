import type { Budget } from './budget.js';
import type { PartitionSearch, PartitionSearchTask } from './search.js';

/** Iterations per turn: the first turns are short and each round doubles them, so an easy illegal
 * part is found after a few short turns of every other part (at most about twice its own work
 * from each), however late it comes; the longest turn is large enough that the clock is read
 * rarely. */
const FIRST_SLICE = 1 << 9;
const LONGEST_SLICE = 1 << 15;

export interface PartitionsOutcome {
  /** Index of the partition that decided `false`, if any. */
  falseAt?: number;
  results: (PartitionSearch | undefined)[];
  reason?: string;
}

/**
 * Runs the partitions' searches round-robin, a slice each, as Porcupine runs them in parallel:
 * the first partition found not linearizable decides at once, however hard the others are.
 * Stops every search with `unknown` when the budget runs out.
 */
export function runPartitions(tasks: readonly PartitionSearchTask[], budget: Budget): PartitionsOutcome {
  const results: (PartitionSearch | undefined)[] = tasks.map(() => undefined);
  let live = tasks.length;
  let slice = FIRST_SLICE;
  while (live > 0) {
    let bytes = 0;
    for (let i = 0; i < tasks.length; i++) {
      if (results[i] !== undefined) continue;
      const task = tasks[i] as PartitionSearchTask;
      const done = task.run(slice);
      if (done !== undefined) {
        results[i] = done;
        live--;
        if (done.verdict === false) return { falseAt: i, results };
      } else bytes += task.bytes();
    }
    slice = Math.min(2 * slice, LONGEST_SLICE);
    const reason = live > 0 ? budget.exceeded(bytes) : undefined;
    if (reason !== undefined) {
      tasks.forEach((t, i) => { results[i] ??= t.outcome('unknown', reason); });
      return { results, reason };
    }
  }
  return { results };
}
