import type { FaultContext, FaultTarget } from './fault-target.js';

/** What a fault aims at: the second half of `KIND-TARGET`. */
export const TARGET_NAMES = ['node', 'leader', 'minority', 'majority', 'holder', 'client', 'halves', 'ring', 'bridge'] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

/** Targets that name a set of processes; the rest (halves, ring, bridge) are partition topologies. */
export const PROCESS_TARGETS = ['node', 'leader', 'minority', 'majority', 'holder', 'client'] as const;
export type ProcessTarget = (typeof PROCESS_TARGETS)[number];

export const TARGET_DESCRIPTIONS: Record<TargetName, string> = {
  node: 'a random lock node',
  leader: 'the node that leads now (leader or primary; the only node of a single server)',
  minority: 'a random minority of the nodes (fewer than half)',
  majority: 'a random majority of the nodes',
  holder: 'the client holding the lock, between its read and its write when one is',
  client: 'a random client',
  halves: 'the nodes split in two random halves',
  ring: 'each node sees a majority, no two the same majority (a ring)',
  bridge: 'two halves that see only one bridge node in common',
};

/** Fewer than half: the most nodes that cannot form a quorum. Zero for one or two nodes. */
export function minoritySize(nodes: number): number {
  return Math.floor((nodes - 1) / 2);
}

export function majoritySize(nodes: number): number {
  return Math.floor(nodes / 2) + 1;
}

/**
 * Why a target cannot be met on this cluster at all (checked once, before the workload), or null.
 * A target that is merely absent right now (no holder yet) is not an error: `chooseTargets` gives null.
 */
export function targetUnmet(target: ProcessTarget, ctx: FaultContext): string | null {
  const n = ctx.nodes().length;
  if (target === 'minority' && minoritySize(n) === 0) return `a minority of ${n} node(s) is nobody: use node or leader, or run at least 3 nodes`;
  if (['node', 'leader', 'majority'].includes(target) && n === 0) return 'the service has no lock nodes to aim at';
  return null;
}

/**
 * The targets for one start of a fault, read from the context now; null when there is nothing to
 * hit at this moment (no holder, no leader mid fail-over), so the schedule tries again shortly.
 */
export async function chooseTargets(target: ProcessTarget, ctx: FaultContext): Promise<FaultTarget[] | null> {
  const nodes = ctx.nodes();
  switch (target) {
    case 'node':
      return nodes.length > 0 ? [ctx.pick(nodes)] : null;
    case 'leader': {
      const leader = await ctx.leader();
      return leader ? [leader] : null;
    }
    case 'minority': {
      const size = minoritySize(nodes.length);
      return size > 0 ? ctx.shuffle(nodes).slice(0, size) : null;
    }
    case 'majority':
      return nodes.length > 0 ? ctx.shuffle(nodes).slice(0, majoritySize(nodes.length)) : null;
    case 'holder': {
      // The context lists holders between their read and their write first.
      const holder = ctx.holders()[0];
      return holder ? [holder] : null;
    }
    case 'client': {
      const clients = ctx.clients();
      return clients.length > 0 ? [ctx.pick(clients)] : null;
    }
  }
}
