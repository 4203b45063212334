import type { ClientProcess } from '../harness/client-process.js';

/** What a fault can see of the running test when it picks its targets. */
export interface FaultContext {
  /** Clients that hold the lock now, those between their read and their write first. */
  holders(): ClientProcess[];
  /** Every live client. */
  clients(): ClientProcess[];
  pick<T>(items: readonly T[]): T;
}

/** A fault in progress: what it hit, and how to undo it. `heal` is idempotent and never throws. */
export interface ActiveFault {
  targets: string[];
  details: Record<string, unknown>;
  heal(): Promise<void>;
}

/**
 * One kind of fault (Jepsen's nemesis, reduced to start and heal). `start` returns null when
 * there is nothing to target right now; the schedule tries again shortly.
 */
export interface Fault {
  readonly name: string;
  readonly description: string;
  start(ctx: FaultContext): Promise<ActiveFault | null>;
}
