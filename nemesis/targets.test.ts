import { describe, expect, it } from 'vitest';
import { fakeCluster } from '../test/fakes/fake-fault-targets.js';
import { chooseTargets, majoritySize, minoritySize, targetUnmet } from './targets.js';

const names = (ts: readonly { name: string }[] | null): string[] | null => ts?.map((t) => t.name) ?? null;

describe('fault targets', () => {
  it('sizes minorities and majorities so that a minority never has a quorum', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(minoritySize)).toEqual([0, 0, 1, 1, 2, 2, 3]);
    expect([1, 2, 3, 4, 5, 6, 7].map(majoritySize)).toEqual([1, 2, 2, 3, 3, 4, 4]);
  });

  it('chooses nodes, the leader, minorities and majorities from the context at call time', async () => {
    const c = fakeCluster({ nodes: 5, clients: 2 });
    c.leader = c.nodes[3]!;
    expect(names(await chooseTargets('node', c.context))).toEqual(['n1']);
    expect(names(await chooseTargets('leader', c.context))).toEqual(['n4']);
    expect(names(await chooseTargets('minority', c.context))).toEqual(['n1', 'n2']);
    expect(names(await chooseTargets('majority', c.context))).toEqual(['n1', 'n2', 'n3']);
    c.leader = null;
    expect(await chooseTargets('leader', c.context)).toBeNull();
  });

  it('aims at the first holder (the one between read and write) and at a random client, or at nobody', async () => {
    const c = fakeCluster({ nodes: 1, clients: 3 });
    expect(await chooseTargets('holder', c.context)).toBeNull();
    c.holders = [c.clients[2]!, c.clients[0]!];
    expect(names(await chooseTargets('holder', c.context))).toEqual(['client-3']);
    expect(names(await chooseTargets('client', c.context))).toEqual(['client-1']);
    c.clients = [];
    expect(await chooseTargets('client', c.context)).toBeNull();
  });

  it('says up front when a target cannot exist on this cluster', () => {
    expect(targetUnmet('minority', fakeCluster({ nodes: 1, clients: 1 }).context)).toMatch(/minority of 1 node\(s\) is nobody/);
    expect(targetUnmet('minority', fakeCluster({ nodes: 3, clients: 1 }).context)).toBeNull();
    expect(targetUnmet('leader', fakeCluster({ nodes: 0, clients: 1 }).context)).toMatch(/no lock nodes/);
    expect(targetUnmet('holder', fakeCluster({ nodes: 0, clients: 0 }).context)).toBeNull();
  });
});
