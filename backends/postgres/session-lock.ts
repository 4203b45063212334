import type { LockClient, LockClientConfig } from '../lock-client.js';
import { DefiniteFailure } from '../../workloads/outcome-errors.js';
import { advisoryKey, lockTimeout, TOKEN_QUERY } from './lock-sql.js';
import { isLockTimeout, sessionEnded } from './pg-session.js';
import { sessionConnection } from './session-connection.js';

/**
 * Recipe `session`: pg_advisory_lock on a connection kept for the whole critical section, then a
 * token from the sequence on the same connection; pg_advisory_unlock releases. The lock belongs
 * to the server session, so it ends with the session: a terminated or dropped connection frees
 * it while the client works on, and behind a transaction-pooling PgBouncer it belongs to
 * whichever pooled server connection ran the statement.
 */
export function createSessionLock(config: LockClientConfig): LockClient {
  const key = advisoryKey(config.lock);
  const connection = sessionConnection(config);
  let held = false;

  return {
    async acquire() {
      const session = await connection.get();
      try {
        // lock_timeout bounds the wait on the server, so a busy lock is a clean, certain "no".
        // One simple query, so the setting reaches the same server connection behind a pooler.
        await session.query(`SET lock_timeout = ${lockTimeout(config.acquireTimeoutMs)}; SELECT pg_advisory_lock(${key})`,
          config.acquireTimeoutMs + config.requestTimeoutMs);
      } catch (err) {
        if (isLockTimeout(err)) throw new DefiniteFailure('lock busy until the acquire timeout', {}, { cause: err });
        connection.drop();
        throw new Error(`acquire outcome unknown: ${(err as Error).message}`, { cause: err });
      }
      held = true;
      try {
        const [result] = await session.query(TOKEN_QUERY, config.requestTimeoutMs);
        const row = result?.rows[0] as { token: string; session: number } | undefined;
        if (!row) throw new Error('the token query returned no row');
        return { token: row.token, node: connection.node, session: row.session };
      } catch (err) {
        // Granted but without a token: dropping the session frees the lock, but not at a known time.
        held = false;
        connection.drop();
        throw new Error(`lock granted but no token: ${(err as Error).message}`, { cause: err });
      }
    },
    async release() {
      if (!held) return { released: false };
      held = false;
      const session = connection.current();
      return unlock(session === null ? null : async () => {
        const [result] = await session.query(`SELECT pg_advisory_unlock(${key}) AS released`, config.requestTimeoutMs);
        return (result?.rows[0] as { released?: boolean } | undefined)?.released === true;
      }, connection.drop);
    },
    async close() {
      connection.drop();
    },
  };
}

/**
 * The end of a critical section: released=false when the server ended the session before (the
 * lock went with it); unknown (a throw) when the connection failed in any other way.
 */
export async function unlock(run: (() => Promise<boolean>) | null, drop: () => void): Promise<{ released: boolean }> {
  if (run === null) return { released: false };
  try {
    return { released: await run() };
  } catch (err) {
    drop();
    if (sessionEnded(err)) return { released: false };
    throw new Error(`release outcome unknown: ${(err as Error).message}`, { cause: err });
  }
}
