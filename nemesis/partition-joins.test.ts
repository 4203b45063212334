import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { drainLogs, fakeCluster, fakeTarget } from '../test/fakes/fake-fault-targets.js';
import { partitionKind } from './partition-fault.js';

const FLUSH = 'exec sh -c if iptables -n -L FENCECHECK-PARTITION >/dev/null 2>&1; then iptables -F FENCECHECK-PARTITION; fi';

describe('a client that starts while a partition is in force', () => {
  it('joins a side of partition-leader like the clients that were there, and the heal covers it', async () => {
    const c = fakeCluster({ nodes: 3, clients: 1, helpers: 3 });
    const active = await partitionKind.make('leader').start(c.context);
    drainLogs([...c.nodes, ...c.helpers, ...c.clients]);
    // pick takes the first view: the newcomer sides with the isolated leader, as client-1 did.
    const newcomer = await c.startClient('client-2', '10.0.1.2');
    const rules = drainLogs([newcomer]).join('\n');
    for (const peer of ['10.0.0.2', '10.0.0.3', '10.0.2.1', '10.0.2.2', '10.0.2.3']) expect(rules).toContain(`-A FENCECHECK-PARTITION -s ${peer} -j DROP`);
    expect(rules).not.toContain('10.0.0.1 -j DROP');
    expect(active?.targets).not.toContain('client-2');
    expect(active?.details).toMatchObject({ joined: ['client-2'], clientsSee: { 'client-1': ['n1'], 'client-2': ['n1'] } });
    await active?.heal();
    expect(drainLogs([newcomer])).toEqual([`client-2: ${FLUSH}`]);
    expect(c.listeners.size).toBe(0);
    // After the heal nobody is cut any more.
    const later = await c.startClient('client-3', '10.0.1.3');
    expect(later.log).toEqual([]);
  });

  it('stays whole under partition-holder: it is not the holder that was cut off', async () => {
    const c = fakeCluster({ nodes: 3, clients: 2 });
    c.holders = [c.clients[0]!];
    const active = await partitionKind.make('holder').start(c.context);
    const newcomer = await c.startClient('client-3', '10.0.1.3');
    expect(newcomer.log).toEqual([]);
    expect(active?.details).toMatchObject({ joined: [] });
    await active?.heal();
  });

  it('is not cut when it started before the plan was drawn: it keeps the side the plan gave it', async () => {
    const c = fakeCluster({ nodes: 3, clients: 1 });
    const fault = partitionKind.make('leader');
    const active = await fault.start(c.context);
    // client-1 was in the plan: telling the fault of it again changes nothing.
    drainLogs(c.clients);
    await Promise.all([...c.listeners].map((l) => l(c.clients[0]!)));
    expect(drainLogs(c.clients)).toEqual([]);
    await active?.heal();
  });

  it('makes a heal wait for a join in flight, so no rule outlives the heal', async () => {
    const c = fakeCluster({ nodes: 3, clients: 0 });
    const active = await partitionKind.make('leader').start(c.context);
    const newcomer = fakeTarget('client-1', 'client', '10.0.1.1');
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => { open = resolve; });
    const exec = newcomer.exec.bind(newcomer);
    newcomer.exec = async (cmd) => { await gate; return exec(cmd); };
    const joining = Promise.all([...c.listeners].map((l) => l(newcomer)));
    await delay(10);
    let healed = false;
    const healing = active!.heal().then(() => { healed = true; });
    await delay(10);
    expect(healed).toBe(false);
    open();
    await Promise.all([joining, healing]);
    const log = drainLogs([newcomer]);
    expect(log[0]).toContain('iptables -A FENCECHECK-PARTITION -s 10.0.0.2 -j DROP');
    expect(log.at(-1)).toBe(`client-1: ${FLUSH}`);
  });

  it('unsubscribes when there was nothing to cut', async () => {
    const c = fakeCluster({ nodes: 3, clients: 0 });
    c.leader = null;
    expect(await partitionKind.make('leader').start(c.context)).toBeNull();
    expect(c.listeners.size).toBe(0);
  });
});
