import type { FaultContext, FaultTarget } from './fault-target.js';

/**
 * The clients that start while one partition is in force, handed to it one by one. Created
 * before the partition's plan is drawn, so that no client falls between the plan and the
 * subscription; the joins wait until `start` says the cut is in force, and `stop` (the heal)
 * waits for joins in flight, so that nothing a join put in place outlives the heal.
 */
export interface PartitionJoins {
  /** The cut is in force: from now on each new client goes to `join` (those that came meanwhile first). */
  start(join: (client: FaultTarget) => Promise<void>): void;
  /** No cut was made: unsubscribes and drops the waiting clients. Returns null for the caller's `start`. */
  cancel(): null;
  /** Unsubscribes, then resolves once every join in flight is done. */
  stop(): Promise<void>;
}

export function partitionJoins(ctx: FaultContext): PartitionJoins {
  let join: ((client: FaultTarget) => Promise<void>) | null = null;
  let stopped = false;
  let inForce: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => { inForce = resolve; });
  const inFlight = new Set<Promise<void>>();
  const unsubscribe = ctx.onClientStart?.((client) => {
    const done = ready.then(() => (join && !stopped ? join(client) : undefined));
    inFlight.add(done);
    const forget = (): void => { inFlight.delete(done); };
    done.then(forget, forget);
    return done;
  }) ?? (() => undefined);
  return {
    start(fn) {
      join = fn;
      inForce();
    },
    cancel() {
      stopped = true;
      unsubscribe();
      inForce();
      return null;
    },
    async stop() {
      stopped = true;
      unsubscribe();
      await Promise.allSettled([...inFlight]);
    },
  };
}
