import type { LockClient, LockClientConfig } from '../lock-client.js';
import { DefiniteFailure } from '../../workloads/outcome-errors.js';
import { advisoryLockClient } from './advisory-lock-client.js';
import { advisoryKey, lockTimeout, TOKEN_QUERY } from './lock-sql.js';
import { isLockTimeout } from './pg-session.js';

/**
 * Recipe `session`: pg_advisory_lock on a connection kept for the whole critical section, then a
 * token from the sequence on the same connection; pg_advisory_unlock releases. The lock belongs
 * to the server session, so it ends with the session: a terminated or dropped connection frees
 * it while the client works on, and behind a transaction-pooling PgBouncer it belongs to
 * whichever pooled server connection ran the statement.
 */
export function createSessionLock(config: LockClientConfig): LockClient {
  const key = advisoryKey(config.lock);
  return advisoryLockClient(config, {
    async grant(session) {
      try {
        // lock_timeout bounds the wait on the server, so a busy lock is a clean, certain "no".
        // One simple query, so the setting reaches the same server connection behind a pooler.
        await session.query(`SET lock_timeout = ${lockTimeout(config.acquireTimeoutMs)}; SELECT pg_advisory_lock(${key})`,
          config.acquireTimeoutMs + config.requestTimeoutMs);
      } catch (err) {
        if (isLockTimeout(err)) throw new DefiniteFailure('lock busy until the acquire timeout', {}, { cause: err });
        throw err;
      }
      // Granted: from here a failure leaves a lock without a token, an unknown outcome.
      const [result] = await session.query(TOKEN_QUERY, config.requestTimeoutMs);
      const row = result?.rows[0] as { token: string; session: number } | undefined;
      if (!row) throw new Error('lock granted but the token query returned no row');
      return row;
    },
    async unlock(session) {
      const [result] = await session.query(`SELECT pg_advisory_unlock(${key}) AS released`, config.requestTimeoutMs);
      return (result?.rows[0] as { released?: boolean } | undefined)?.released === true;
    },
  });
}
