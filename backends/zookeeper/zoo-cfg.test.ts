import { describe, expect, it } from 'vitest';
import { zooCfg, zooCommand } from './zoo-cfg.js';

describe('zooCfg', () => {
  it('lists every member by name and lets the TTL stand as the session timeout', () => {
    const cfg = zooCfg({ members: ['n1', 'n2', 'n3'], ttlMs: 2000 });
    expect(cfg).toContain('server.1=n1:2888:3888\nserver.2=n2:2888:3888\nserver.3=n3:2888:3888\n');
    const min = Number(/^minSessionTimeout=(\d+)$/m.exec(cfg)?.[1]);
    const max = Number(/^maxSessionTimeout=(\d+)$/m.exec(cfg)?.[1]);
    expect(min).toBeLessThanOrEqual(2000);
    expect(max).toBeGreaterThanOrEqual(2000);
    expect(cfg).toMatch(/^4lw\.commands\.whitelist=.*\bsrvr\b/m);
  });

  it('runs one member standalone, allows long TTLs, refuses one shorter than two ticks', () => {
    expect(zooCfg({ members: ['n1'], ttlMs: 2000 })).not.toContain('server.');
    expect(Number(/^maxSessionTimeout=(\d+)$/m.exec(zooCfg({ members: ['n1'], ttlMs: 300_000 }))?.[1])).toBe(300_000);
    expect(() => zooCfg({ members: ['n1'], ttlMs: 500 })).toThrow(/at least two ticks \(1000 ms\).*--ttl 1000/);
  });

  it('the command execs the server, so it is the container main process', () => {
    const [shell, flag, script] = zooCommand(['n1', 'n2']);
    expect(script).toMatch(/^for h in n1 n2; do .*getent hosts/);
    expect([shell, flag]).toEqual(['sh', '-c']);
    expect(script).toMatch(/exec zkServer\.sh start-foreground \/data\/zoo\.cfg/);
    expect(script).toMatch(/exec java .*QuorumPeerMain \/data\/zoo\.cfg$/);
  });
});
