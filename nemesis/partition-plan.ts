import type { FaultContext, FaultTarget } from './fault-target.js';
import { chooseTargets, majoritySize, type TargetName } from './targets.js';

/** Who stops exchanging packets with whom; each target's cut is applied in its own namespace. */
export interface PartitionPlan {
  cuts: Array<{ target: FaultTarget; peers: FaultTarget[] }>;
  /** For the start op: what each node, helper and live client still reaches (names). */
  details: Record<string, unknown>;
  /**
   * The peers to cut a client from that starts while the partition is in force (the successor of
   * a retired client), or an empty list when it stays whole; its side is added to `details`.
   */
  join(client: FaultTarget): FaultTarget[];
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
 * nodes outside it. Helpers (sentinels, poolers) all side with one view, so they keep reaching
 * each other: the side that is not isolated, or one of the largest views of a topology. That is
 * what lets sentinels that lose the isolated primary elect a new one, as in a real split. A client
 * target (`client`, `holder`) is cut from every lock node and from nothing else. The protected
 * addresses (the register) are never cut: the rules name only lock nodes and helpers.
 */
export async function planPartition(target: PartitionTarget, ctx: FaultContext): Promise<PartitionPlan | null> {
  if (target === 'client' || target === 'holder') {
    const chosen = await chooseTargets(target, ctx);
    const nodes = ctx.nodes();
    if (!chosen || nodes.length === 0) return null;
    // A client that starts later is another process in another container, not the one this
    // fault aims at (for holder: not the holder that was cut off), so it stays whole.
    return { cuts: chosen.map((c) => ({ target: c, peers: [...nodes] })), details: { cutFrom: nodes.map((n) => n.name) }, join: () => [] };
  }
  // One list for the whole plan: targets are compared by identity below, and by name with choices.
  const nodes = ctx.nodes();
  const helpers = ctx.helpers?.() ?? [];
  const views = await nodeViews(target, nodes, ctx);
  if (!views) return null;
  const helperView = views.helperView;
  // What a member or a client on `view` reaches: the view's nodes, and the helpers when it shares their side.
  const reach = (view: ReadonlySet<FaultTarget>, withHelpers: boolean): FaultTarget[] =>
    [...nodes.filter((n) => view.has(n)), ...(withHelpers ? helpers : [])];
  const outside = (seen: readonly FaultTarget[]): FaultTarget[] => [...nodes, ...helpers].filter((m) => !seen.includes(m));
  const cuts: PartitionPlan['cuts'] = [];
  const sees: Record<string, string[]> = {};
  const place = (member: FaultTarget, seen: FaultTarget[]): void => {
    sees[member.name] = names(seen);
    const peers = outside(seen).filter((p) => p !== member);
    if (peers.length > 0) cuts.push({ target: member, peers });
  };
  for (const [node, view] of views.byNode) place(node, reach(view, helperView.has(node)));
  for (const helper of helpers) place(helper, reach(helperView, true));
  const clientsSee: Record<string, string[]> = {};
  const side = (client: FaultTarget): FaultTarget[] => {
    const view = ctx.pick(views.clientChoices);
    const seen = reach(view, view === helperView);
    clientsSee[client.name] = names(seen);
    return outside(seen);
  };
  for (const client of ctx.clients()) {
    const peers = side(client);
    if (peers.length > 0) cuts.push({ target: client, peers });
  }
  // A client that starts during the partition lands on one side like those that were there at
  // the start (a random one, as they did): a partition splits the network, not a list of processes.
  // A client already placed (live when the plan was drawn) keeps its side.
  return { cuts, details: { sees, clientsSee }, join: (client) => (client.name in clientsSee ? [] : side(client)) };
}

interface Views {
  byNode: Map<FaultTarget, ReadonlySet<FaultTarget>>;
  /** The views a client may side with. */
  clientChoices: ReadonlySet<FaultTarget>[];
  /** The nodes every helper sees (one of clientChoices). */
  helperView: ReadonlySet<FaultTarget>;
}

function names(view: Iterable<FaultTarget>): string[] {
  return [...view].map((t) => t.name).sort();
}

async function nodeViews(target: Exclude<PartitionTarget, 'client' | 'holder'>, nodes: readonly FaultTarget[], ctx: FaultContext): Promise<Views | null> {
  if (topologyUnmet(target, nodes.length)) return null;
  if (target === 'node' || target === 'leader' || target === 'minority') {
    const chosen = await chooseTargets(target, ctx);
    if (!chosen) return null;
    const isolated = new Set(chosen.map((t) => t.name));
    const views = groups([nodes.filter((n) => isolated.has(n.name)), nodes.filter((n) => !isolated.has(n.name))]);
    // The isolated nodes are the ones cut off: helpers stay with the rest, even a smaller rest.
    // With no rest (a single server) they stay with the server they serve (a pooler in front of
    // its only database): cutting them from it would cut every client through them.
    const [isolatedSide, rest] = views.clientChoices as [ReadonlySet<FaultTarget>, ReadonlySet<FaultTarget>];
    return { ...views, helperView: rest.size > 0 ? rest : isolatedSide };
  }
  const order = ctx.shuffle(nodes);
  const views = target === 'halves' ? groups([order.slice(0, Math.floor(order.length / 2)), order.slice(Math.floor(order.length / 2))])
    : target === 'ring' ? ring(order) : bridge(order);
  const largest = Math.max(...views.clientChoices.map((v) => v.size));
  return { ...views, helperView: ctx.pick(views.clientChoices.filter((v) => v.size === largest)) };
}

type NodeViews = Omit<Views, 'helperView'>;

function groups(parts: FaultTarget[][]): NodeViews {
  const sets = parts.map((p) => new Set(p));
  const byNode = new Map<FaultTarget, ReadonlySet<FaultTarget>>();
  for (const set of sets) for (const node of set) byNode.set(node, set);
  return { byNode, clientChoices: sets };
}

/** Each node sees the nodes within h places of it on a ring: a majority, and a different one for each node. */
function ring(order: FaultTarget[]): NodeViews {
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
function bridge(order: FaultTarget[]): NodeViews {
  const middle = Math.floor(order.length / 2);
  const bridgeNode = order[middle] as FaultTarget;
  const left = new Set(order.slice(0, middle + 1));
  const right = new Set(order.slice(middle));
  const byNode = new Map<FaultTarget, ReadonlySet<FaultTarget>>();
  for (const node of order) byNode.set(node, node === bridgeNode ? new Set(order) : left.has(node) ? left : right);
  return { byNode, clientChoices: [left, right] };
}
