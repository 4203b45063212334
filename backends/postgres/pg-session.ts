import pg from 'pg';

/** One connection to the server (or to the pooler), with its own timeouts and its end observed. */
export interface PgSession {
  /** Why the connection ended on its own (the server said so or closed it), or null while it lives. */
  readonly gone: string | null;
  /** A simple query (several statements allowed); rejects after timeoutMs and then closes the connection. */
  query(text: string, timeoutMs: number): Promise<pg.QueryResult[]>;
  /** Ends the connection without waiting for the server; never throws. */
  close(): void;
}

export interface PgSessionOptions {
  host: string;
  port: number;
  /** application_name: the client's name in the server's pg_stat_activity and log. */
  name: string;
  connectTimeoutMs: number;
}

/**
 * Connects. A rejection means no statement was sent on it, so nothing was granted: callers turn
 * it into a definite failure.
 */
export async function openPgSession(opts: PgSessionOptions): Promise<PgSession> {
  const client = new pg.Client({
    host: opts.host, port: opts.port, user: 'postgres', database: 'postgres',
    application_name: opts.name, connectionTimeoutMillis: opts.connectTimeoutMs,
  });
  let gone: string | null = null;
  // An error while no query runs (pg_terminate_backend of an idle session) arrives as an event;
  // without a listener it would crash the client process. The client learns at its next query.
  client.on('error', (err) => { gone ??= err.message; });
  client.on('end', () => { gone ??= 'connection closed'; });
  client.on('notice', () => undefined);
  try {
    await client.connect();
  } catch (err) {
    void client.end().catch(() => undefined);
    throw new Error(`cannot connect to ${opts.host}:${opts.port}: ${(err as Error).message}`, { cause: err });
  }
  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    gone ??= 'closed by the client';
    void client.end().catch(() => undefined);
  };
  return {
    get gone() { return gone; },
    async query(text, timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          close();
          reject(new Error(`no answer from ${opts.host}:${opts.port} within ${timeoutMs} ms`));
        }, timeoutMs);
      });
      try {
        const result = await Promise.race([client.query(text) as Promise<pg.QueryResult | pg.QueryResult[]>, timeout]);
        return Array.isArray(result) ? result : [result];
      } finally {
        clearTimeout(timer);
      }
    },
    close,
  };
}

/** lock_timeout ran out: the statement was cancelled before the lock was granted. */
export function isLockTimeout(err: unknown): boolean {
  return sqlState(err) === '55P03';
}

// The server ended the session (and so released its locks): terminated by an administrator,
// server shut down or crashed, or an idle timeout. Whatever the client learns later, the lock is gone.
const SESSION_ENDED = new Set(['57P01', '57P02', '57P03', '25P03', '57P05']);

/**
 * The server certainly ended this session: it said so, or it closed the connection (a reset or
 * an end of stream comes from the server's side, whose backend exits with its socket).
 */
export function sessionEnded(err: unknown): boolean {
  const state = sqlState(err);
  if (state !== undefined) return SESSION_ENDED.has(state);
  const message = err instanceof Error ? err.message : String(err);
  return /Connection terminated unexpectedly|ECONNRESET/i.test(message)
    || (err as { code?: string } | null)?.code === 'ECONNRESET';
}

function sqlState(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}
