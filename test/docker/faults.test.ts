import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeRun } from '../../docker/cleanup.js';
import { createCluster, type Cluster } from '../../docker/cluster.js';
import type { StartedContainer } from '../../docker/container.js';
import { connectEngine } from '../../docker/engine.js';
import { ensureImages } from '../../docker/images.js';
import { waitForPort } from '../../docker/wait.js';
import { allImages } from '../../harness/images-needed.js';
import { clockBumpKind } from '../../nemesis/clock-bump-fault.js';
import { clockStrobeKind } from '../../nemesis/clock-strobe-fault.js';
import type { FaultContext, FaultTarget } from '../../nemesis/fault-target.js';
import { delayKind } from '../../nemesis/delay-fault.js';
import { killKind } from '../../nemesis/kill-fault.js';
import { partitionKind } from '../../nemesis/partition-fault.js';
import { parseNemesis } from '../../nemesis/registry.js';
import { runNemesisSchedule, setupFaults, type NemesisOp } from '../../nemesis/schedule.js';
import { pollUntil } from '../../lib/poll-until.js';

const runId = `faults-${process.pid}`;
let docker: Docker;
let cluster: Cluster;
let nodes: FaultTarget[];
let clients: FaultTarget[];
let register: StartedContainer;
let byName: Map<string, StartedContainer>;
let holders: FaultTarget[] = [];

const REDIS = ['redis-server', '--bind', '0.0.0.0', '--protected-mode', 'no', '--save', '', '--appendonly', 'no'];

/** A container as faults see it (the harness builds the same from its cluster). */
function target(container: StartedContainer, kind: 'node' | 'client'): FaultTarget {
  return {
    name: container.name, kind, ip: container.ip,
    signal: (sig) => container.kill(sig),
    async exec(cmd) {
      const r = await container.exec([...cmd], { timeoutMs: 10_000 });
      return { exitCode: r.exitCode, output: r.stdout + r.stderr };
    },
    async restart() {
      if (kind === 'client') return;
      await container.restart();
      await waitForPort({ host: container.ip, port: 6379, timeoutMs: 10_000, container });
    },
  };
}

let seed = 7;
function context(settings: Partial<FaultContext['settings']> = {}): FaultContext {
  const int = (n: number): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  return {
    nodes: () => nodes, clients: () => clients, holders: () => holders,
    leader: async () => nodes[0] ?? null,
    protectedIps: [register.ip],
    pick: <T,>(items: readonly T[]) => items[int(items.length)] as T,
    shuffle: <T,>(items: readonly T[]) => [...items].map((x) => [int(1000), x] as const).sort((a, b) => a[0] - b[0]).map(([, x]) => x),
    settings: { ttlMs: 1000, durationMs: 700, clockOffsetMs: 60_000, delayMs: 100, lossPercent: 30, ...settings },
  };
}

async function sh(t: FaultTarget, script: string): Promise<string> {
  const r = await t.exec(['sh', '-c', script]);
  return r.output.trim();
}

/**
 * True when `from` gets PONG from Redis at `ip` within 1.5 s of trying (a cut drops packets, so it
 * waits that long); the time a loaded machine takes to start the client does not count.
 */
async function reaches(from: FaultTarget, ip: string): Promise<boolean> {
  const viaRedisCli = `timeout 1.5 redis-cli -h ${ip} ping 2>/dev/null`;
  const viaNode = `timeout 10 node -e "setTimeout(()=>process.exit(1),1500);const s=require('net').connect(6379,'${ip}',()=>s.write('PING\\r\\n'));s.on('data',d=>{process.stdout.write(String(d));process.exit(0)})"`;
  return (await sh(from, from.kind === 'node' ? viaRedisCli : viaNode)).includes('PONG');
}

/** What faults could leave behind in a container, in one line per kind of leftover. */
async function leftovers(t: FaultTarget): Promise<string[]> {
  const rules = await sh(t, 'iptables -S | grep -v "^-P" || true');
  const qdisc = await sh(t, 'tc qdisc show dev eth0 | grep -v "qdisc noqueue" || true');
  const clock = await sh(t, 'fencecheck-clock get');
  const stopped = await sh(t, "ps -eo stat= | grep -c '^T' || true");
  const daemons = await sh(t, "pgrep -f '^fencecheck-delay ' || true");
  return [rules && `rules: ${rules}`, qdisc && `qdisc: ${qdisc}`, clock !== '0 0' && `clock: ${clock}`, stopped !== '0' && `stopped: ${stopped}`, daemons && `delay daemon: ${daemons}`]
    .filter((x): x is string => typeof x === 'string' && x.length > 0).map((x) => `${t.name} ${x}`);
}

beforeAll(async () => {
  docker = await connectEngine();
  // Redis stands in for any lock node here: its image is the redis backend's.
  const images = await ensureImages({ docker, names: ['redis', 'node-client'], dirs: allImages().dirs });
  cluster = await createCluster(docker, { runId, name: 'faults' });
  const started = await Promise.all([
    ...['n1', 'n2', 'n3', 'register'].map((name) => cluster.add({ name, image: images.redis!.tag, cmd: REDIS })),
    ...['c1', 'c2'].map((name) => cluster.add({ name, image: images['node-client']!.tag, cmd: ['sleep', 'infinity'] })),
  ]);
  byName = new Map(started.map((c) => [c.name, c]));
  for (const c of started.slice(0, 4)) await waitForPort({ host: c.ip, port: 6379, timeoutMs: 20_000, container: c });
  register = byName.get('register')!;
  nodes = started.slice(0, 3).map((c) => target(c, 'node'));
  clients = started.slice(4).map((c) => target(c, 'client'));
});

afterAll(async () => {
  await cluster?.dispose();
  if (docker) await removeRun(docker, runId);
});

describe('the clock library in real containers', () => {
  it('a forward jump expires a Redis key early, Node sees it, and heal restores true time', async () => {
    const n1 = nodes[0]!;
    const c1 = clients[0]!;
    await sh(n1, 'redis-cli set k v PX 30000');
    const before = Number(await sh(c1, 'node -e "console.log(Date.now())"'));
    const ctx = context({ clockOffsetMs: 3_600_000 });
    await clockBumpKind.make('node').setup?.(ctx);
    const onNode = await clockBumpKind.make('leader').start(ctx);
    const onClient = await clockBumpKind.make('client').start({ ...ctx, pick: <T,>(xs: readonly T[]) => xs[0] as T });
    expect(await sh(n1, 'redis-cli get k')).toBe('');
    const jumped = Number(await sh(c1, 'node -e "console.log(Date.now())"'));
    expect(jumped - before).toBeGreaterThan(3_600_000 - 1000);
    expect(jumped - before).toBeLessThan(3_600_000 + 10_000);
    // The host's clock and the monotonic clock are untouched.
    expect(Math.abs(Date.now() - before)).toBeLessThan(10_000);
    await onNode?.heal();
    await onClient?.heal();
    const after = Number(await sh(c1, 'node -e "console.log(Date.now())"'));
    expect(Math.abs(after - Date.now())).toBeLessThan(2000);
    await sh(n1, 'redis-cli set k2 v PX 30000');
    expect(Number(await sh(n1, 'redis-cli pttl k2'))).toBeGreaterThan(25_000);
  });

  it('a strobe flips a Node process between true time and the offset within its duration', async () => {
    const c2 = clients[1]!;
    const ctx = context({ clockOffsetMs: 5000 });
    const active = await clockStrobeKind.make('client').start({ ...ctx, pick: <T,>(xs: readonly T[]) => xs.at(-1) as T });
    const seen = await sh(c2, `node -e "const s=new Set();const t=Date.now()-performance.now();const end=performance.now()+200;while(performance.now()<end){s.add(Math.round((Date.now()-performance.now()-t)/1000))}console.log([...s].sort().join(','))"`);
    await active?.heal();
    // Seconds of wall clock minus monotonic clock, relative to the first read: two values 5 s apart.
    const values = seen.split(',').map(Number).sort((a, b) => a - b);
    expect(values).toHaveLength(2);
    expect(values[1]! - values[0]!).toBe(5);
  });

  it('clock faults refuse a node whose main process does not load the library', async () => {
    const plain = await cluster.add({ name: 'plain', image: (await ensureImages({ docker, names: ['redis'], dirs: allImages().dirs })).redis!.tag, cmd: REDIS, preload: false });
    await expect(clockBumpKind.make('node').setup?.({ ...context(), nodes: () => [target(plain, 'node')] }))
      .rejects.toThrow(/clock-bump cannot act on plain: its main process does not load the clock library/);
    await plain.remove();
  });
});

describe('faults against real containers', () => {
  it('a partition of the holder cuts it from the lock nodes, never from the register, and heals', async () => {
    const c1 = clients[0]!;
    holders = [c1];
    expect(await reaches(c1, nodes[0]!.ip)).toBe(true);
    const active = await partitionKind.make('holder').start(context());
    expect(active?.targets).toEqual(['c1']);
    expect(await reaches(c1, nodes[0]!.ip)).toBe(false);
    expect(await reaches(c1, register.ip)).toBe(true);
    expect(await reaches(clients[1]!, nodes[0]!.ip)).toBe(true);
    await active?.heal();
    expect(await reaches(c1, nodes[0]!.ip)).toBe(true);
  });

  it('a partition in halves cuts nodes across the halves and not within', async () => {
    const active = await partitionKind.make('halves').start({ ...context(), shuffle: <T,>(xs: readonly T[]) => [...xs] });
    expect(await reaches(nodes[0]!, nodes[1]!.ip)).toBe(false);
    expect(await reaches(nodes[1]!, nodes[2]!.ip)).toBe(true);
    expect(await reaches(nodes[0]!, register.ip)).toBe(true);
    await active?.heal();
    expect(await reaches(nodes[0]!, nodes[1]!.ip)).toBe(true);
  });

  it('a delay slows every reply of the node by the delay, and heal restores them', async () => {
    const [n1, n2] = [nodes[0]!, nodes[1]!];
    const pings = `s=$(date +%s%N); for i in 1 2 3 4 5; do redis-cli -h ${n1.ip} ping >/dev/null; done; echo $(( ($(date +%s%N) - s) / 1000000 ))`;
    const ctx = { ...context({ delayMs: 300 }), pick: <T,>(xs: readonly T[]) => xs[0] as T };
    // Each call waits at least for the delayed SYN-ACK and the delayed reply: 5 calls, 3000 ms or more.
    const delayed = 5 * 2 * 300;
    expect(Number(await sh(n2, pings))).toBeLessThan(delayed);
    const active = await delayKind.make('node').start(ctx);
    expect(Number(await sh(n2, pings))).toBeGreaterThanOrEqual(delayed);
    expect(await reaches(n1, register.ip)).toBe(true);
    await active?.heal();
    expect(Number(await sh(n2, pings))).toBeLessThan(delayed);
    // Heal empties the rules; the chain itself goes at teardown.
    expect(await sh(n1, "iptables -S FENCECHECK-DELAY; pgrep -f '^fencecheck-delay ' || true")).toBe('-N FENCECHECK-DELAY');
  });

  it('a killed node comes back with its data at the same address', async () => {
    const n2 = byName.get('n2')!;
    await n2.exec(['sh', '-c', 'echo kept > /data-marker']);
    const active = await killKind.make('node').start({ ...context(), pick: <T,>(xs: readonly T[]) => xs[1] as T });
    expect((await n2.inspect()).State.Running).toBe(false);
    await active?.heal();
    const info = await n2.inspect();
    expect(info.State.Running).toBe(true);
    expect(Object.values(info.NetworkSettings.Networks)[0]?.IPAddress).toBe(n2.ip);
    expect((await n2.exec(['cat', '/data-marker'])).stdout).toBe('kept\n');
    expect(await reaches(clients[0]!, n2.ip)).toBe(true);
  });

  it('runs every fault kind at once on its own schedule and leaves nothing behind in any container', async () => {
    holders = [clients[0]!];
    const ctx = context();
    const faults = parseNemesis('pause-minority,kill-node,partition-halves,partition-holder,clock-bump-majority,clock-strobe-client,loss-leader,delay-node');
    await setupFaults(faults, ctx);
    const ops: NemesisOp[] = [];
    let stop = false;
    const sleep = (ms: number): Promise<void> => new Promise((resolve) => {
      const started = Date.now();
      const tick = setInterval(() => { if (stop || Date.now() - started >= ms) { clearInterval(tick); resolve(); } }, 10);
    });
    const run = runNemesisSchedule({
      faults, context: ctx, recorder: { record: (op) => { ops.push(op); } }, random: { int: (min, max) => min + Math.floor(Math.random() * (max - min + 1)) },
      intervalMs: 400, stopping: () => stop, sleep,
    });
    const midway: string[][] = [];
    // Until every fault has started at least once, then stop whatever is in force at that moment.
    await pollUntil({ what: 'every fault to start once', timeoutMs: 20_000, intervalMs: 100,
      attempt: () => new Set(ops.filter((o) => o.f === 'start').map((o) => o.value.fault)).size === faults.length });
    await sleep(300);
    // Stopped mid-fault: whatever is active now must be healed by the schedule.
    midway.push(...await Promise.all([...nodes, ...clients].map((t) => leftovers(t).catch(() => []))));
    stop = true;
    await run;
    const started = new Set(ops.filter((o) => o.f === 'start').map((o) => o.value.fault));
    expect([...started].sort()).toEqual(faults.map((f) => f.name).sort());
    expect(ops.filter((o) => o.f === 'start').length).toBe(ops.filter((o) => o.f === 'stop').length);
    expect(ops.filter((o) => o.f === 'error' || o.value.error).map((o) => `${o.value.fault}: ${String(o.value.error)}`)).toEqual([]);
    expect(midway.flat().length).toBeGreaterThan(0);
    for (const t of [...nodes, ...clients]) expect(await leftovers(t)).toEqual([]);
    for (const c of [...byName.values()].filter((c) => c.name !== 'plain')) expect((await c.inspect()).State.Running).toBe(true);
  });
});
