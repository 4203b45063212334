import type { PostgresOptions } from './postgres-options.js';

/**
 * The server's command line: `postgres -c name=value ...`, which both this backend's image and
 * the official postgres image take, so `--image postgres=postgres:15` works too.
 */
export function serverArgs(opts: PostgresOptions): string[] {
  const settings: Record<string, string | number> = {
    listen_addresses: '*',
    tcp_keepalives_idle: opts.keepalivesIdle,
    tcp_keepalives_interval: opts.keepalivesInterval,
    tcp_keepalives_count: opts.keepalivesCount,
    idle_session_timeout: opts.idleSessionTimeoutMs,
    idle_in_transaction_session_timeout: opts.idleInTransactionTimeoutMs,
    // Every session and its end in the node's log: who held what when a fault struck.
    log_connections: 'on',
    log_disconnections: 'on',
  };
  return ['postgres', ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`])];
}
