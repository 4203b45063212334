import { describe, expect, it } from 'vitest';
import { pgbouncerIni } from './pgbouncer-ini.js';
import { readPostgresOptions } from './postgres-options.js';
import { serverArgs } from './server-args.js';

describe('postgres options', () => {
  it('fills in the defaults: direct connections, keepalives that drop a silent client in seconds', () => {
    expect(readPostgresOptions({})).toEqual({
      pooler: 'none', keepalivesIdle: 2, keepalivesInterval: 1, keepalivesCount: 2, idleSessionTimeoutMs: 0, idleInTransactionTimeoutMs: 0,
    });
  });

  it('refuses an unknown pooler and a negative or fractional setting, naming the flag', () => {
    expect(() => readPostgresOptions({ pooler: 'pgpool' })).toThrow(/--pooler "pgpool": choose from none, pgbouncer/);
    expect(() => readPostgresOptions({ 'pg-keepalives-idle': -1 })).toThrow(/--pg-keepalives-idle must be a whole number/);
    expect(() => readPostgresOptions({ 'pg-idle-session-timeout': 1.5 })).toThrow(/--pg-idle-session-timeout/);
  });

  it('passes every setting to the server as -c name=value', () => {
    const args = serverArgs(readPostgresOptions({ 'pg-keepalives-idle': 5, 'pg-idle-session-timeout': 3000 }));
    expect(args[0]).toBe('postgres');
    expect(args).toContain('tcp_keepalives_idle=5');
    expect(args).toContain('idle_session_timeout=3000');
    expect(args).toContain('listen_addresses=*');
    // Every setting is one -c pair.
    expect(args.slice(1).filter((_, i) => i % 2 === 0).every((flag) => flag === '-c')).toBe(true);
  });

  it('pgbouncer pools by transaction, in front of the given server', () => {
    const ini = pgbouncerIni({ serverHost: '10.0.0.2', serverPort: 5432, listenPort: 6432 });
    expect(ini).toMatch(/^pool_mode = transaction$/m);
    expect(ini).toMatch(/^\* = host=10\.0\.0\.2 port=5432 user=postgres$/m);
    expect(ini).toMatch(/^listen_port = 6432$/m);
  });
});
