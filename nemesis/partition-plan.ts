import type { FaultContext, FaultTarget } from './fault-target.js';
import { chooseTargets, majoritySize, type TargetName } from './targets.js';

/** Who stops exchanging packets with whom; each target's cut is applied in its own namespace. */
export interface PartitionPlan {
  cuts: Array<{ target: FaultTarget; peers: FaultTarget[] }>;
  /** For the start op: what each node and each live client still reaches (node names). */
  details: Record<string, unknown>;
}

export type PartitionTarget = Exclude<TargetName, 'majority'>;

/** Why a topology cannot be drawn on `nodes` nodes, or null. */
export function topologyUnmet(target: PartitionTarget, nodes: number): string | null {
  if (target === 'ring' && nodes < 4) return `a ring needs at least 4 nodes so that no two see the same majority (have ${nodes})`;
  if (target === 'bridge' && nodes < 3) return `a bridge needs at least 3 nodes: two sides and the node between them (have ${nodes})`;
  if (target === 'halves' && nodes < 1) return 'halves need at least one node';
  return null;
}

/**
 * The cut for one start, or null when there is nothing to aim at now. Nodes are cut from the
 * nodes they do not see; each live client sides with one randomly chosen view and is cut from the
 * nodes outside it. A client target (`client`, `holder`) is cut from every lock node. The
 * protected addresses (the register) are never cut: the rules name only lock nodes.
 */
export async function planPartition(target: PartitionTarget, ctx: FaultContext): Promise<PartitionPlan | null> {
  if (target === 'client' || target === 'holder') {
    const chosen = await chooseTargets(target, ctx);
    const nodes = ctx.nodes();
    if (!chosen || nodes.length === 0) return null;
    return { cuts: chosen.map((c) => ({ target: c, peers: [...nodes] })), details: { cutFrom: nodes.map((n) => n.name) } };
  }
  // One list for the whole plan: targets are compared by identity below, and by name with choices.
  const nodes = ctx.nodes();
  const views = await nodeViews(target, nodes, ctx);
  if (!views) return null;
  const outside = (view: ReadonlySet<FaultTarget>): FaultTarget[] => nodes.filter((n) => !view.has(n));
  const cuts: PartitionPlan['cuts'] = [];
  for (const [node, view] of views.byNode) if (outside(view).length > 0) cuts.push({ target: node, peers: outside(view) });
  const sides: Record<string, string[]> = {};
  for (const client of ctx.clients()) {
    const view = ctx.pick(views.clientChoices);
    sides[client.name] = names(view);
    if (outside(view).length > 0) cuts.push({ target: client, peers: outside(view) });
  }
  const seen = Object.fromEntries([...views.byNode].map(([node, view]) => [node.name, names(view)]));
  return { cuts, details: { sees: seen, clientsSee: sides } };
}

interface Views {
  byNode: Map<FaultTarget, ReadonlySet<FaultTarget>>;
  /** The views a client may side with. */
  clientChoices: ReadonlySet<FaultTarget>[];
}

function names(view: ReadonlySet<FaultTarget>): string[] {
  return [...view].map((t) => t.name).sort();
}

async function nodeViews(target: Exclude<PartitionTarget, 'client' | 'holder'>, nodes: readonly FaultTarget[], ctx: FaultContext): Promise<Views | null> {
  if (topologyUnmet(target, nodes.length)) return null;
  if (target === 'node' || target === 'leader' || target === 'minority') {
    const chosen = await chooseTargets(target, ctx);
    if (!chosen) return null;
    const isolated = new Set(chosen.map((t) => t.name));
    return groups([nodes.filter((n) => isolated.has(n.name)), nodes.filter((n) => !isolated.has(n.name))]);
  }
  const order = ctx.shuffle(nodes);
  if (target === 'halves') {
    const half = Math.floor(order.length / 2);
    return groups([order.slice(0, half), order.slice(half)]);
  }
  if (target === 'ring') return ring(order);
  return bridge(order);
}

function groups(parts: FaultTarget[][]): Views {
  const sets = parts.map((p) => new Set(p));
  const byNode = new Map<FaultTarget, ReadonlySet<FaultTarget>>();
  for (const set of sets) for (const node of set) byNode.set(node, set);
  return { byNode, clientChoices: sets };
}

/** Each node sees the nodes within h places of it on a ring: a majority, and a different one for each node. */
function ring(order: FaultTarget[]): Views {
  const n = order.length;
  const h = Math.ceil((majoritySize(n) - 1) / 2);
  const byNode = new Map<FaultTarget, ReadonlySet<FaultTarget>>();
  order.forEach((node, i) => {
    const view = new Set<FaultTarget>();
    for (let j = -h; j <= h; j++) view.add(order[(i + j + n) % n] as FaultTarget);
    byNode.set(node, view);
  });
  return { byNode, clientChoices: [...byNode.values()] };
}

/** Two sides that share one node: the bridge sees everyone, each side sees itself and the bridge. */
function bridge(order: FaultTarget[]): Views {
  const middle = Math.floor(order.length / 2);
  const bridgeNode = order[middle] as FaultTarget;
  const left = new Set(order.slice(0, middle + 1));
  const right = new Set(order.slice(middle));
  const byNode = new Map<FaultTarget, ReadonlySet<FaultTarget>>();
  for (const node of order) byNode.set(node, node === bridgeNode ? new Set(order) : left.has(node) ? left : right);
  return { byNode, clientChoices: [left, right] };
}
