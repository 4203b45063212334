/** Limits of one check. Exceeding one gives `unknown` with the reason, never `true`. */
export interface BudgetOptions {
  /** Wall time for the whole check (all partitions). Needs `now`. */
  timeLimitMs?: number;
  /** Memory the search's own tables may hold, estimated from their sizes. */
  memoryLimitMb?: number;
  /** A monotonic clock in milliseconds, injected because checkers read no clock (performance.now). */
  now?: () => number;
}

export const DEFAULT_MEMORY_LIMIT_MB = 1024;

/** A budget shared by the partitions of one check. */
export class Budget {
  private readonly deadline: number;
  private readonly now: () => number;
  readonly memoryBytes: number;

  constructor(opts: BudgetOptions) {
    if (opts.timeLimitMs !== undefined && opts.now === undefined) {
      throw new Error('a time limit needs a clock: pass now (performance.now) in the options');
    }
    this.now = opts.now ?? (() => 0);
    this.deadline = opts.timeLimitMs === undefined ? Infinity : this.now() + opts.timeLimitMs;
    this.memoryBytes = (opts.memoryLimitMb ?? DEFAULT_MEMORY_LIMIT_MB) * 1024 * 1024;
    this.timeLimitMs = opts.timeLimitMs;
  }

  readonly timeLimitMs: number | undefined;

  /** Why the search must stop now, or undefined. `bytes` is what the search holds. */
  exceeded(bytes: number): string | undefined {
    if (this.now() > this.deadline) return `time limit of ${this.timeLimitMs} ms exceeded`;
    if (bytes > this.memoryBytes) return `memory limit of ${Math.round(this.memoryBytes / 1048576)} MB exceeded`;
    return undefined;
  }
}
