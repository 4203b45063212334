import type { Budget } from './budget.js';
import type { PartitionSearch, PartitionSearchTask } from './search.js';

/** Iterations per turn: small enough that an easy illegal part is found while a hard legal part
 * still searches, large enough that the clock is read rarely. */
const SLICE = 1 << 15;

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
  while (live > 0) {
    let bytes = 0;
    for (let i = 0; i < tasks.length; i++) {
      if (results[i] !== undefined) continue;
      const task = tasks[i] as PartitionSearchTask;
      const done = task.run(SLICE);
      if (done !== undefined) {
        results[i] = done;
        live--;
        if (done.verdict === false) return { falseAt: i, results };
      } else bytes += task.bytes();
    }
    const reason = live > 0 ? budget.exceeded(bytes) : undefined;
    if (reason !== undefined) {
      tasks.forEach((t, i) => { results[i] ??= t.outcome('unknown', reason); });
      return { results, reason };
    }
  }
  return { results };
}
