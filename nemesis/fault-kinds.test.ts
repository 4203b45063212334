import { describe, expect, it } from 'vitest';
import { drainLogs, fakeCluster } from '../test/fakes/fake-fault-targets.js';
import { clockBumpKind } from './clock-bump-fault.js';
import { clockStrobeKind, STROBE_PERIOD_MS } from './clock-strobe-fault.js';
import { delayKind } from './delay-fault.js';
import { killKind } from './kill-fault.js';
import { lossKind } from './loss-fault.js';
import { pauseKind } from './pause-fault.js';

describe('fault kinds on fake targets', () => {
  it('pause stops the leader and resumes it; heal twice resumes once', async () => {
    const c = fakeCluster({ nodes: 3, clients: 1 });
    c.leader = c.nodes[2]!;
    const active = await pauseKind.make('leader').start(c.context);
    expect(active?.targets).toEqual(['n3']);
    await Promise.all([active?.heal(), active?.heal()]);
    expect(drainLogs(c.nodes)).toEqual(['n3: signal SIGSTOP', 'n3: signal SIGCONT']);
  });

  it('pause of a majority undoes every target when one cannot be stopped', async () => {
    const c = fakeCluster({ nodes: 3, clients: 0 });
    c.nodes[1]!.signal = async (sig) => {
      c.nodes[1]!.log.push(`signal ${sig}`);
      if (sig === 'SIGSTOP') throw new Error('engine said no');
    };
    await expect(pauseKind.make('majority').start(c.context)).rejects.toThrow(/n2: engine said no/);
    expect(drainLogs(c.nodes).filter((l) => l.endsWith('SIGCONT')).sort()).toEqual(['n1: signal SIGCONT', 'n2: signal SIGCONT']);
  });

  it('a client retired while paused needs no resume', async () => {
    const c = fakeCluster({ nodes: 1, clients: 1 });
    const active = await pauseKind.make('client').start(c.context);
    c.clients[0]!.down = true;
    await expect(active?.heal()).resolves.toBeUndefined();
  });

  it('kill restarts a node after the fault, and never restarts anything at teardown', async () => {
    const c = fakeCluster({ nodes: 3, clients: 1 });
    const active = await killKind.make('minority').start(c.context);
    expect(c.nodes[0]!.down).toBe(true);
    await active?.heal();
    expect(drainLogs(c.nodes)).toEqual(['n1: signal SIGKILL', 'n1: restart']);
    await killKind.make('node').teardown?.(c.context);
    expect(drainLogs([...c.nodes, ...c.clients])).toEqual([]);
  });

  it('a kill that finds its target gone tries again later instead of failing the test', async () => {
    const c = fakeCluster({ nodes: 1, clients: 1 });
    c.nodes[0]!.down = true;
    expect(await killKind.make('node').start(c.context)).toBeNull();
  });

  it('a command that fails inside a running target is an error, not a target that is gone', async () => {
    const c = fakeCluster({ nodes: 1, clients: 0 });
    c.nodes[0]!.respond = () => ({ exitCode: 127, output: 'sh: iptables: not found' });
    await expect(lossKind.make('node').start(c.context)).rejects.toThrow(/^n1: sh -c set -e; iptables .* exited with code 127: sh: iptables: not found$/);
  });

  it('clock-bump sets the offset from the settings and resets it; strobe adds its period', async () => {
    const c = fakeCluster({ nodes: 1, clients: 2, settings: { clockOffsetMs: -4000 } });
    const bump = await clockBumpKind.make('client').start(c.context);
    expect(bump?.details).toEqual({ offsetMs: -4000 });
    await bump?.heal();
    const strobe = await clockStrobeKind.make('node').start(c.context);
    await strobe?.heal();
    expect(drainLogs([...c.nodes, ...c.clients])).toEqual([
      'n1: exec fencecheck-clock set -4000 10', 'n1: exec fencecheck-clock set 0 0',
      'client-1: exec fencecheck-clock set -4000 0', 'client-1: exec fencecheck-clock set 0 0',
    ]);
    expect(STROBE_PERIOD_MS).toBe(10);
  });

  it('a clock reset waits for a killed node to come back (its offset file outlives the kill)', async () => {
    const c = fakeCluster({ nodes: 1, clients: 0 });
    const bump = await clockBumpKind.make('node').start(c.context);
    c.nodes[0]!.down = true;
    setTimeout(() => { c.nodes[0]!.down = false; }, 600);
    await bump?.heal();
    expect(c.nodes[0]!.log.at(-1)).toBe('exec fencecheck-clock set 0 0');
  });

  it('clock faults refuse a node whose main process does not load the library, or is a Go binary', async () => {
    const c = fakeCluster({ nodes: 2, clients: 0 });
    c.nodes[0]!.respond = () => ({ exitCode: 0, output: 'ok\n' });
    c.nodes[1]!.respond = () => ({ exitCode: 0, output: 'missing\n' });
    await expect(clockBumpKind.make('leader').setup?.(c.context)).rejects.toThrow(/clock-bump cannot act on n2: its main process does not load the clock library/);
    c.nodes[1]!.respond = () => ({ exitCode: 0, output: 'go\n' });
    await expect(clockStrobeKind.make('node').setup?.(c.context)).rejects.toThrow(/clock-strobe cannot act on n2: its main process is a Go binary/);
  });

  it('loss drops a share of eth0 packets in its own chain, the register spared', async () => {
    const c = fakeCluster({ nodes: 1, clients: 1 });
    const active = await lossKind.make('node').start(c.context);
    const [add] = drainLogs(c.nodes);
    expect(add).toContain('iptables -A FENCECHECK-LOSS -d 10.0.9.9 -j RETURN\niptables -A FENCECHECK-LOSS -o eth0 -m statistic --mode random --probability 0.2500 -j DROP');
    await active?.heal();
    expect(drainLogs(c.nodes)).toEqual(['n1: exec sh -c if iptables -n -L FENCECHECK-LOSS >/dev/null 2>&1; then iptables -F FENCECHECK-LOSS; fi']);
  });

  it('delay puts netem on eth0 where the kernel has it and removes only a netem qdisc', async () => {
    const c = fakeCluster({ nodes: 1, clients: 0 });
    c.nodes[0]!.respond = () => ({ exitCode: 0, output: 'netem\n' });
    const active = await delayKind.make('leader').start(c.context);
    await active?.heal();
    const log = drainLogs(c.nodes);
    expect(log[0]).toBe('n1: exec sh -c if tc qdisc replace dev eth0 root netem delay 200ms 2>/dev/null; then echo netem; else echo nfqueue; fi');
    expect(log.join('\n')).not.toContain('fencecheck-delay 7');
    expect(log.at(-1)).toBe("n1: exec sh -c if tc qdisc show dev eth0 | grep -q netem; then tc qdisc del dev eth0 root; fi; pkill -f '^fencecheck-delay ' || true");
    c.nodes[0]!.respond = () => ({ exitCode: 1, output: '' });
    await expect(delayKind.make('node').setup?.(c.context)).rejects.toThrow(/delay needs the kernel's netem qdisc or fencecheck-delay/);
  });

  it('without netem, delay queues packets to fencecheck-delay (the register spared) and stops it on heal', async () => {
    const c = fakeCluster({ nodes: 1, clients: 0 });
    c.nodes[0]!.respond = (cmd) => ({ exitCode: 0, output: cmd.join(' ').includes('echo netem') ? 'nfqueue\n' : '' });
    const active = await delayKind.make('node').start(c.context);
    const started = drainLogs(c.nodes);
    expect(started[1]).toBe('n1: exec fencecheck-delay 7 200 10100');
    expect(started.at(-1)).toContain('iptables -A OUTPUT -j FENCECHECK-DELAY');
    expect(started.at(-1)).toContain('iptables -A FENCECHECK-DELAY -d 10.0.9.9 -j RETURN\niptables -A FENCECHECK-DELAY -o eth0 -j NFQUEUE --queue-num 7 --queue-bypass');
    await active?.heal();
    expect(drainLogs(c.nodes)).toEqual([
      'n1: exec sh -c if iptables -n -L FENCECHECK-DELAY >/dev/null 2>&1; then iptables -F FENCECHECK-DELAY; fi',
      "n1: exec sh -c if tc qdisc show dev eth0 | grep -q netem; then tc qdisc del dev eth0 root; fi; pkill -f '^fencecheck-delay ' || true",
    ]);
  });
});
