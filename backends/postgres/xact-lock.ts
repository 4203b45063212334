import type { LockClient, LockClientConfig } from '../lock-client.js';
import { DefiniteFailure } from '../../workloads/outcome-errors.js';
import { advisoryLockClient } from './advisory-lock-client.js';
import { advisoryKey, lockTimeout, TOKEN_QUERY } from './lock-sql.js';
import { isLockTimeout } from './pg-session.js';

/**
 * Recipe `xact`: pg_advisory_xact_lock inside a transaction held open for the critical section,
 * token from the sequence in the same transaction; COMMIT releases. A transaction keeps its server
 * connection, so the lock stays exclusive behind a transaction-pooling PgBouncer too.
 */
export function createXactLock(config: LockClientConfig): LockClient {
  const key = advisoryKey(config.lock);
  return advisoryLockClient(config, {
    async grant(session) {
      let results;
      try {
        results = await session.query(`BEGIN; SET LOCAL lock_timeout = ${lockTimeout(config.acquireTimeoutMs)}; `
          + `SELECT pg_advisory_xact_lock(${key}); ${TOKEN_QUERY}`, config.acquireTimeoutMs + config.requestTimeoutMs);
      } catch (err) {
        if (!isLockTimeout(err)) throw err;
        // The failed transaction stays open (and pins its pooled connection) until rolled back;
        // if the rollback fails, dropping the session ends the transaction as well.
        await session.query('ROLLBACK', config.requestTimeoutMs).catch(() => session.close());
        throw new DefiniteFailure('lock busy until the acquire timeout', {}, { cause: err });
      }
      const row = results.at(-1)?.rows[0] as { token: string; session: number } | undefined;
      if (!row) throw new Error('the token query returned no row');
      return row;
    },
    async unlock(session) {
      // A transaction that had failed meanwhile ends in ROLLBACK: its lock was already gone.
      const [result] = await session.query('COMMIT', config.requestTimeoutMs);
      return result?.command === 'COMMIT';
    },
  });
}
