import type { ActiveFault, Fault, FaultContext, FaultTarget } from './fault.js';
import { forEachTarget, isGone } from './target-exec.js';
import { chooseTargets, PROCESS_TARGETS, TARGET_DESCRIPTIONS, targetUnmet, type ProcessTarget, type TargetName } from './targets.js';

/**
 * One kind of fault (`pause`, `partition`, …): the targets it accepts, and the fault `KIND-TARGET`
 * for each. A kind is one file in nemesis/ and one line in nemesis/registry.ts.
 */
export interface FaultKind {
  readonly kind: string;
  readonly description: string;
  readonly targets: readonly TargetName[];
  /** Why a target this kind does not accept makes no sense for it. */
  invalidReason(target: TargetName): string;
  make(target: TargetName): Fault;
}

/** What a kind does to the targets one start chose, and how that is undone. */
export interface ProcessFaultSpec {
  kind: string;
  description: string;
  /** Acts on each target; a failure part way is undone by `undo` on every target before it throws. */
  apply(target: FaultTarget, ctx: FaultContext): Promise<void>;
  /** Undoes `apply` on one target; a target that is gone has nothing left to undo. */
  undo(target: FaultTarget): Promise<void>;
  /**
   * What teardown does to every node and client so that nothing of this kind is left behind, even
   * after a crash of the schedule; default `undo`; null when nothing can linger (the schedule heals
   * every active fault before teardown).
   */
  sweep?: ((target: FaultTarget) => Promise<void>) | null;
  /** Details for the start op (what was done), read once per start. */
  details?(ctx: FaultContext): Record<string, unknown>;
  /** Checks, before the workload, that the cluster's containers can take this fault at all. */
  setup?(ctx: FaultContext): Promise<void>;
}

/** Every node and client, for teardown sweeps. */
export function everyTarget(ctx: FaultContext): FaultTarget[] {
  return [...ctx.nodes(), ...ctx.clients()];
}

/** Applies to every target, or to none: on a failure, undoes all and throws naming the target. */
export async function applyAll(targets: readonly FaultTarget[], apply: (t: FaultTarget) => Promise<void>, undo: (t: FaultTarget) => Promise<void>): Promise<void> {
  const results = await Promise.allSettled(targets.map(apply));
  const failed = results.findIndex((r) => r.status === 'rejected');
  if (failed < 0) return;
  await forEachTarget(targets, undo).catch(() => undefined);
  const reason = (results[failed] as PromiseRejectedResult).reason as Error;
  throw new Error(`${targets[failed]?.name}: ${reason.message}`, { cause: reason });
}

/**
 * applyAll, but false when a target turned out to be gone (retired or killed since it was chosen):
 * a race to try again shortly, not a broken fault.
 */
export async function applyAllUnlessGone(targets: readonly FaultTarget[], apply: (t: FaultTarget) => Promise<void>, undo: (t: FaultTarget) => Promise<void>): Promise<boolean> {
  try {
    await applyAll(targets, apply, undo);
    return true;
  } catch (err) {
    if (isGone((err as Error).cause)) return false;
    throw err;
  }
}

/** Heals once, however many times it is called; a second call waits for the first. */
export function activeFault(targets: readonly FaultTarget[], details: Record<string, unknown>, heal: () => Promise<void>): ActiveFault {
  let healing: Promise<void> | null = null;
  return { targets: targets.map((t) => t.name), details, heal: () => (healing ??= heal()) };
}

/** A kind that acts on processes (node, leader, minority, majority, holder, client). */
export function processFaultKind(spec: ProcessFaultSpec): FaultKind {
  return {
    kind: spec.kind,
    description: spec.description,
    targets: PROCESS_TARGETS,
    invalidReason: (target) => `${target} is a partition topology; ${spec.kind} acts on processes (${PROCESS_TARGETS.join(', ')})`,
    make(target) {
      if (!(PROCESS_TARGETS as readonly string[]).includes(target)) throw new Error(`${spec.kind}-${target}: ${this.invalidReason(target)}`);
      const aim = target as ProcessTarget;
      return {
        name: `${spec.kind}-${aim}`,
        kind: spec.kind,
        description: `${spec.description}; on ${TARGET_DESCRIPTIONS[aim]}`,
        async setup(ctx) {
          const unmet = targetUnmet(aim, ctx);
          if (unmet) throw new Error(`${spec.kind}-${aim} cannot run: ${unmet}`);
          await spec.setup?.(ctx);
        },
        async start(ctx) {
          const targets = await chooseTargets(aim, ctx);
          if (!targets) return null;
          if (!await applyAllUnlessGone(targets, (t) => spec.apply(t, ctx), spec.undo)) return null;
          return activeFault(targets, spec.details?.(ctx) ?? {}, () => forEachTarget(targets, spec.undo));
        },
        async teardown(ctx) {
          const sweep = spec.sweep === undefined ? spec.undo : spec.sweep;
          if (sweep) await forEachTarget(everyTarget(ctx), sweep);
        },
      };
    },
  };
}
