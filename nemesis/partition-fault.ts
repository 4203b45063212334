import type { Fault } from './fault.js';
import { activeFault, applyAllUnlessGone, everyTarget, type FaultKind } from './fault-kind.js';
import type { FaultTarget } from './fault-target.js';
import { iptablesChain } from './iptables-chain.js';
import { planPartition, topologyUnmet, type PartitionTarget } from './partition-plan.js';
import { partitionJoins } from './partition-joins.js';
import { forEachTarget, ipv4, isGone, runScript } from './target-exec.js';
import { TARGET_DESCRIPTIONS, targetUnmet, type TargetName } from './targets.js';

const PARTITION_TARGETS: readonly PartitionTarget[] = ['node', 'leader', 'minority', 'holder', 'client', 'halves', 'ring', 'bridge'];

const isolate = (t: string): string => `cut ${t} off from the other nodes, from the service's helpers (sentinels) and from the clients that do not side with it`;
const fromNodes = (t: string): string => `cut ${t} off from every lock node`;
const CUTS: Record<PartitionTarget, (target: string) => string> = {
  node: isolate,
  leader: isolate,
  minority: isolate,
  holder: fromNodes,
  client: fromNodes,
  halves: (t) => t,
  ring: (t) => t,
  bridge: (t) => t,
};

/** INPUT and OUTPUT both, so a cut made in one namespace stops both directions. */
const chain = iptablesChain('FENCECHECK-PARTITION', ['INPUT', 'OUTPUT']);

function cutRules(peers: readonly FaultTarget[], protectedIps: readonly string[]): string[] {
  const spared = new Set(protectedIps);
  return peers.filter((p) => !spared.has(p.ip)).flatMap((p) => [`-s ${ipv4(p.ip)} -j DROP`, `-d ${ipv4(p.ip)} -j DROP`]);
}

function partitionFault(target: PartitionTarget): Fault {
  return {
    name: `partition-${target}`,
    kind: 'partition',
    description: `${CUTS[target](TARGET_DESCRIPTIONS[target])}; iptables DROP in each namespace, the register always reachable`,
    async setup(ctx) {
      const n = ctx.nodes().length;
      const unmet = target === 'halves' || target === 'ring' || target === 'bridge' ? topologyUnmet(target, n) : targetUnmet(target, ctx);
      if (unmet) throw new Error(`partition-${target} cannot run: ${unmet}`);
      const probe = ctx.nodes()[0];
      if (probe) {
        await runScript(probe, 'iptables -n -L INPUT >/dev/null').catch((err: unknown) => {
          throw new Error(`partition-${target} needs iptables and NET_ADMIN in every container; ${probe.name} refused`, { cause: err });
        });
      }
    },
    async start(ctx) {
      // Subscribed before the plan is drawn: a client that starts meanwhile is either in the
      // plan (it was live when it was drawn) or joins once the cut is in force.
      const joins = partitionJoins(ctx);
      const plan = await planPartition(target, ctx).catch((err: unknown) => { joins.cancel(); throw err; });
      if (!plan) return joins.cancel();
      const byTarget = new Map(plan.cuts.map((c) => [c.target, c.peers]));
      const targets = [...byTarget.keys()];
      const applied = await applyAllUnlessGone(targets, (t) => chain.add(t, cutRules(byTarget.get(t) ?? [], ctx.protectedIps)), (t) => chain.flush(t))
        .catch((err: unknown) => { joins.cancel(); throw err; });
      if (!applied) return joins.cancel();
      const joined: string[] = [];
      const active = activeFault(targets, { ...plan.details, joined }, async () => {
        await joins.stop();
        await forEachTarget(targets, (t) => chain.flush(t));
      });
      joins.start(async (client) => {
        const peers = plan.join(client);
        if (peers.length === 0) return;
        // Listed before its rules go in, so that a heal that waits for this join flushes them. The
        // op's `targets` stay those of the start (a stop is matched to its start by them); the stop
        // names the clients that joined under `joined`.
        targets.push(client);
        joined.push(client.name);
        await chain.add(client, cutRules(peers, ctx.protectedIps)).catch((err: unknown) => { if (!isGone(err)) throw err; });
      });
      return active;
    },
    async teardown(ctx) {
      await forEachTarget([...everyTarget(ctx), ...(ctx.helpers?.() ?? [])], (t) => chain.remove(t));
    },
  };
}

/** Network partitions by topology: isolate a node, the leader, a minority or a client, or split halves, a ring, a bridge. */
export const partitionKind: FaultKind = {
  kind: 'partition',
  description: 'cut lock nodes and clients apart (iptables DROP in their own namespaces); the register stays reachable',
  targets: PARTITION_TARGETS,
  invalidReason: (target: TargetName) => (target === 'majority'
    ? 'isolating a majority is the same cut as isolating the minority left over: use partition-minority'
    : `${target} is not a partition target`),
  make(target) {
    if (!(PARTITION_TARGETS as readonly string[]).includes(target)) throw new Error(`partition-${target}: ${this.invalidReason(target)}`);
    return partitionFault(target as PartitionTarget);
  },
};
