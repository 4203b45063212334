import { describe, expect, it } from 'vitest';
import { drainLogs, fakeCluster } from '../test/fakes/fake-fault-targets.js';
import type { FaultTarget } from './fault-target.js';
import { partitionKind } from './partition-fault.js';
import { planPartition, topologyUnmet } from './partition-plan.js';

type Cuts = Record<string, string[]>;
const cutsOf = (plan: { cuts: Array<{ target: FaultTarget; peers: FaultTarget[] }> } | null): Cuts =>
  Object.fromEntries((plan?.cuts ?? []).map((c) => [c.target.name, c.peers.map((p) => p.name).sort()]));

describe('partition topologies', () => {
  it('isolates the leader from the other nodes and from the clients on the other side', async () => {
    const c = fakeCluster({ nodes: 3, clients: 2 });
    c.leader = c.nodes[1]!;
    const plan = await planPartition('leader', c.context);
    // pick takes the first choice: every client sides with the leader's group.
    expect(cutsOf(plan)).toEqual({ n1: ['n2'], n2: ['n1', 'n3'], n3: ['n2'], 'client-1': ['n1', 'n3'], 'client-2': ['n1', 'n3'] });
    expect(plan?.details).toMatchObject({ sees: { n1: ['n1', 'n3'], n2: ['n2'], n3: ['n1', 'n3'] } });
  });

  it('splits halves, and a single node from the clients on the empty side', async () => {
    const five = fakeCluster({ nodes: 5, clients: 0 });
    expect(cutsOf(await planPartition('halves', five.context))).toEqual({
      n1: ['n3', 'n4', 'n5'], n2: ['n3', 'n4', 'n5'], n3: ['n1', 'n2'], n4: ['n1', 'n2'], n5: ['n1', 'n2'],
    });
    const one = fakeCluster({ nodes: 1, clients: 2 });
    expect(cutsOf(await planPartition('halves', one.context))).toEqual({ 'client-1': ['n1'], 'client-2': ['n1'] });
  });

  it('draws a ring in which every node sees a majority and no two nodes the same one', async () => {
    for (const n of [4, 5, 6, 7]) {
      const c = fakeCluster({ nodes: n, clients: 0 });
      const plan = await planPartition('ring', c.context);
      const sees = (plan?.details as { sees: Record<string, string[]> }).sees;
      const views = Object.values(sees).map((v) => v.join(','));
      expect(new Set(views).size).toBe(n);
      for (const [node, view] of Object.entries(sees)) {
        expect(view.length).toBeGreaterThan(n / 2);
        expect(view.length).toBeLessThan(n);
        for (const peer of view) expect(sees[peer]).toContain(node);
      }
    }
    expect(topologyUnmet('ring', 3)).toMatch(/at least 4 nodes/);
  });

  it('draws a bridge: one node sees both sides, each side sees only itself and the bridge', async () => {
    const c = fakeCluster({ nodes: 5, clients: 0 });
    expect(cutsOf(await planPartition('bridge', c.context))).toEqual({
      n1: ['n4', 'n5'], n2: ['n4', 'n5'], n4: ['n1', 'n2'], n5: ['n1', 'n2'],
    });
  });

  it('matches targets by name, so a context that builds fresh target objects at each call works', async () => {
    const c = fakeCluster({ nodes: 3, clients: 0 });
    c.leader = c.nodes[2]!;
    const fresh = { ...c.context, nodes: () => c.nodes.map((n) => ({ ...n })), leader: async () => ({ ...c.nodes[2]! }) };
    expect(cutsOf(await planPartition('leader', fresh))).toEqual({ n1: ['n3'], n2: ['n3'], n3: ['n1', 'n2'] });
  });

  it('puts the helpers (sentinels) on the side that is not isolated, so they can elect a new primary', async () => {
    const c = fakeCluster({ nodes: 3, clients: 1, helpers: 3 });
    const plan = await planPartition('leader', c.context);
    // pick takes the first choice: the client sides with the isolated leader, away from the sentinels too.
    expect(cutsOf(plan)).toEqual({
      n1: ['n2', 'n3', 's1', 's2', 's3'], n2: ['n1'], n3: ['n1'], s1: ['n1'], s2: ['n1'], s3: ['n1'],
      'client-1': ['n2', 'n3', 's1', 's2', 's3'],
    });
    expect(plan?.details).toMatchObject({ sees: { n1: ['n1'], s2: ['n2', 'n3', 's1', 's2', 's3'] }, clientsSee: { 'client-1': ['n1'] } });
  });

  it('keeps the helpers with a single server they serve (a pooler), so partition-leader cuts clients on the other side from both', async () => {
    const c = fakeCluster({ nodes: 1, clients: 2, helpers: 1 });
    const plan = await planPartition('leader', { ...c.context, pick: <T,>(xs: readonly T[]) => xs[1] as T });
    expect(cutsOf(plan)).toEqual({ 'client-1': ['n1', 's1'], 'client-2': ['n1', 's1'] });
  });

  it('puts the helpers with one of the largest views of a topology, all on the same one', async () => {
    const c = fakeCluster({ nodes: 5, clients: 0, helpers: 2 });
    expect(cutsOf(await planPartition('halves', c.context))).toEqual({
      n1: ['n3', 'n4', 'n5', 's1', 's2'], n2: ['n3', 'n4', 'n5', 's1', 's2'], n3: ['n1', 'n2'], n4: ['n1', 'n2'], n5: ['n1', 'n2'],
      s1: ['n1', 'n2'], s2: ['n1', 'n2'],
    });
    const bridged = await planPartition('bridge', c.context);
    // The left side (n1 n2 and the bridge n3) is picked; the bridge node sees everyone, so it has no cut.
    expect(cutsOf(bridged)).toMatchObject({ s1: ['n4', 'n5'], n4: ['n1', 'n2', 's1', 's2'] });
    expect(cutsOf(bridged).n3).toBeUndefined();
  });

  it('cuts a client target from every lock node and nothing else', async () => {
    const c = fakeCluster({ nodes: 3, clients: 2 });
    c.holders = [c.clients[1]!];
    expect(cutsOf(await planPartition('holder', c.context))).toEqual({ 'client-2': ['n1', 'n2', 'n3'] });
    c.holders = [];
    expect(await planPartition('holder', c.context)).toBeNull();
  });
});

describe('partition fault', () => {
  it('drops both directions in its own chain, never the register, and heals by flushing only that chain', async () => {
    const c = fakeCluster({ nodes: 1, clients: 1 });
    c.nodes[0]!.ip = '10.0.9.9';
    c.holders = [c.clients[0]!];
    const fault = partitionKind.make('holder');
    const active = await fault.start(c.context);
    expect(active?.targets).toEqual(['client-1']);
    const script = drainLogs(c.clients)[0] ?? '';
    expect(script).toContain('iptables -I INPUT 1 -j FENCECHECK-PARTITION');
    expect(script).toContain('iptables -I OUTPUT 1 -j FENCECHECK-PARTITION');
    expect(script).not.toContain('10.0.9.9');
    c.nodes[0]!.ip = '10.0.0.1';
    const again = await fault.start(c.context);
    expect(drainLogs(c.clients)[0]).toContain('-A FENCECHECK-PARTITION -s 10.0.0.1 -j DROP\niptables -A FENCECHECK-PARTITION -d 10.0.0.1 -j DROP');
    await again?.heal();
    await again?.heal();
    expect(drainLogs(c.clients)).toEqual(['client-1: exec sh -c if iptables -n -L FENCECHECK-PARTITION >/dev/null 2>&1; then iptables -F FENCECHECK-PARTITION; fi']);
    await fault.teardown?.(c.context);
    expect(drainLogs([...c.nodes, ...c.clients]).every((l) => l.includes('iptables -X FENCECHECK-PARTITION'))).toBe(true);
  });

  it('refuses a ring on three nodes and a partition without iptables before the workload', async () => {
    await expect(partitionKind.make('ring').setup?.(fakeCluster({ nodes: 3, clients: 0 }).context)).rejects.toThrow(/partition-ring cannot run: a ring needs at least 4 nodes/);
    const c = fakeCluster({ nodes: 3, clients: 0 });
    c.nodes[0]!.respond = () => ({ exitCode: 127, output: 'sh: iptables: not found' });
    await expect(partitionKind.make('halves').setup?.(c.context)).rejects.toThrow(/needs iptables and NET_ADMIN in every container; n1 refused/);
  });
});
