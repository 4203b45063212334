import type { BackendOption } from '../backend.js';

/** The postgres backend's own flags, with what a deploy and a client read from them. */
export interface PostgresOptions {
  /** `pgbouncer`: clients reach the server through one PgBouncer in transaction pooling. */
  pooler: 'none' | 'pgbouncer';
  /** Server-side TCP keepalive (seconds; 0: the kernel's default, two hours): how soon the server drops a session whose client is cut off. */
  keepalivesIdle: number;
  keepalivesInterval: number;
  keepalivesCount: number;
  /** idle_session_timeout (ms, 0: off): the server ends a session idle that long, lock and all. */
  idleSessionTimeoutMs: number;
  /** idle_in_transaction_session_timeout (ms, 0: off): the same for a session idle inside a transaction (the xact recipe). */
  idleInTransactionTimeoutMs: number;
}

export const POOLERS = ['none', 'pgbouncer'] as const;

// Short keepalives by default: a partitioned holder's session is dropped within seconds, as a
// server tuned for fast fail-over would (the kernel's two hours would outlast any test).
export const POSTGRES_OPTIONS: readonly BackendOption[] = [
  { name: 'pooler', type: 'string', default: 'none', choices: POOLERS,
    describe: 'pgbouncer: clients connect through a PgBouncer node in transaction pooling mode' },
  { name: 'pg-keepalives-idle', type: 'number', default: 2,
    describe: 'server tcp_keepalives_idle in seconds (0: kernel default): when the server starts probing a silent client' },
  { name: 'pg-keepalives-interval', type: 'number', default: 1, describe: 'server tcp_keepalives_interval in seconds' },
  { name: 'pg-keepalives-count', type: 'number', default: 2,
    describe: 'server tcp_keepalives_count: unanswered probes before the server drops the session (and its locks)' },
  { name: 'pg-idle-session-timeout', type: 'number', default: 0,
    describe: 'server idle_session_timeout in ms (0: off): ends an idle session, releasing its session locks' },
  { name: 'pg-idle-in-transaction-timeout', type: 'number', default: 0,
    describe: 'server idle_in_transaction_session_timeout in ms (0: off): ends a session idle inside its transaction' },
];

/** Reads the options as the CLI filled them in (defaults for what is missing); throws a one-line error for a bad value. */
export function readPostgresOptions(raw: Record<string, unknown>): PostgresOptions {
  const pooler = String(raw.pooler ?? 'none');
  if (!(POOLERS as readonly string[]).includes(pooler)) {
    throw new Error(`unknown --pooler "${pooler}": choose from ${POOLERS.join(', ')}`);
  }
  return {
    pooler: pooler as PostgresOptions['pooler'],
    keepalivesIdle: count(raw, 'pg-keepalives-idle', 2),
    keepalivesInterval: count(raw, 'pg-keepalives-interval', 1),
    keepalivesCount: count(raw, 'pg-keepalives-count', 2),
    idleSessionTimeoutMs: count(raw, 'pg-idle-session-timeout', 0),
    idleInTransactionTimeoutMs: count(raw, 'pg-idle-in-transaction-timeout', 0),
  };
}

function count(raw: Record<string, unknown>, name: string, fallback: number): number {
  const value = raw[name] ?? fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new Error(`--${name} must be a whole number >= 0 (got ${String(value)})`);
  }
  return value;
}
