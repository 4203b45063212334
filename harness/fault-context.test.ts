import { describe, expect, it } from 'vitest';
import type { FaultTarget } from '../nemesis/fault-target.js';
import { buildFaultContext } from './fault-context.js';
import { Holders } from './holders.js';
import type { ClientProcess } from './client-process.js';
import { seededRandom } from './random.js';

function target(name: string, kind: FaultTarget['kind']): FaultTarget {
  return { name, kind, ip: '10.0.0.1', signal: async () => undefined, exec: async () => ({ exitCode: 0, output: '' }), restart: async () => undefined };
}

function client(process: number): ClientProcess {
  return { process, name: `client-${process}`, target: target(`client-${process}`, 'client'), call: async () => ({ id: 0, type: 'ok' }), retire: async () => undefined };
}

const settings = { ttlMs: 1000, durationMs: 2500, clockOffsetMs: 1500, delayMs: 200, lossPercent: 30 };

describe('the fault context', () => {
  it('maps the backend\'s leader name to its node target, and null when none leads or the name is unknown', async () => {
    const nodes = [target('n1', 'node'), target('n2', 'node'), target('n3', 'node')];
    let leader: string | null = 'n2';
    const ctx = buildFaultContext({ nodes: () => nodes, leaderName: async () => leader, clients: () => [], holders: () => [],
      protectedIps: ['172.18.0.1'], settings, random: seededRandom(1) });
    expect((await ctx.leader())?.name).toBe('n2');
    leader = null;
    expect(await ctx.leader()).toBeNull();
    leader = 'n9';
    expect(await ctx.leader()).toBeNull();
    expect(ctx.protectedIps).toEqual(['172.18.0.1']);
    expect(ctx.settings.clockOffsetMs).toBe(1500);
  });

  it('shuffles and picks from the seed: the same seed gives the same choices, every item kept', () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    const make = (seed: number) => buildFaultContext({ nodes: () => [], leaderName: async () => null, clients: () => [], holders: () => [],
      protectedIps: [], settings, random: seededRandom(seed) });
    const a = make(7);
    const b = make(7);
    const shuffled = a.shuffle(items);
    expect(b.shuffle(items)).toEqual(shuffled);
    expect([...shuffled].sort((x, y) => x - y)).toEqual(items);
    expect(shuffled).not.toEqual(items);
    expect(a.pick(items)).toBe(b.pick(items));
  });

  it('lists holders between their read and their write first', () => {
    const holders = new Holders();
    const [c1, c2, c3, c4] = [client(1), client(2), client(3), client(4)];
    holders.set(c1, 'acquired');
    holders.set(c2, 'releasing');
    holders.set(c3, 'holding');
    holders.set(c4, 'writing');
    expect(holders.current().map((c) => c.process)).toEqual([3, 1, 4]);
    holders.set(c3, null);
    expect(holders.current().map((c) => c.process)).toEqual([1, 4]);
  });
});
