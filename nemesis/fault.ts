import type { FaultContext } from './fault-target.js';

export type { FaultContext, FaultTarget, FaultSettings } from './fault-target.js';

/** A fault in progress: what it hit, and how to undo it. `heal` is idempotent and never throws. */
export interface ActiveFault {
  targets: string[];
  details: Record<string, unknown>;
  heal(): Promise<void>;
}

/**
 * One fault, `KIND-TARGET` (Jepsen's nemesis lifecycle). `setup` runs before the workload,
 * `start` hits targets chosen from the context (null: nothing to hit right now, the schedule tries
 * again shortly), the returned ActiveFault heals, and `teardown` leaves nothing behind in any
 * container (rules, qdiscs, clock offsets, stopped processes), even after an error.
 */
export interface Fault {
  /** e.g. `pause-leader`. */
  readonly name: string;
  /** The fault kind, e.g. `pause`; backends refuse kinds by this (Backend.faultNotApplicable). */
  readonly kind: string;
  readonly description: string;
  setup?(ctx: FaultContext): Promise<void>;
  start(ctx: FaultContext): Promise<ActiveFault | null>;
  teardown?(ctx: FaultContext): Promise<void>;
}
