import type { LockClient, LockClientConfig } from '../lock-client.js';
import { DefiniteFailure } from '../../workloads/outcome-errors.js';
import { advisoryKey, lockTimeout, TOKEN_QUERY } from './lock-sql.js';
import { isLockTimeout } from './pg-session.js';
import { sessionConnection } from './session-connection.js';
import { unlock } from './session-lock.js';

/**
 * Recipe `xact`: pg_advisory_xact_lock inside a transaction held open for the critical section,
 * token from the sequence in the same transaction; COMMIT releases. A transaction keeps its server
 * connection, so the lock stays exclusive behind a transaction-pooling PgBouncer too.
 */
export function createXactLock(config: LockClientConfig): LockClient {
  const key = advisoryKey(config.lock);
  const connection = sessionConnection(config);
  let held = false;

  return {
    async acquire() {
      const session = await connection.get();
      let results;
      try {
        results = await session.query(`BEGIN; SET LOCAL lock_timeout = ${lockTimeout(config.acquireTimeoutMs)}; `
          + `SELECT pg_advisory_xact_lock(${key}); ${TOKEN_QUERY}`, config.acquireTimeoutMs + config.requestTimeoutMs);
      } catch (err) {
        if (isLockTimeout(err)) {
          // The failed transaction stays open (and pins its pooled connection) until rolled back.
          await session.query('ROLLBACK', config.requestTimeoutMs).catch(() => connection.drop());
          throw new DefiniteFailure('lock busy until the acquire timeout', {}, { cause: err });
        }
        connection.drop();
        throw new Error(`acquire outcome unknown: ${(err as Error).message}`, { cause: err });
      }
      const row = results.at(-1)?.rows[0] as { token: string; session: number } | undefined;
      if (!row) {
        connection.drop();
        throw new Error('the token query returned no row: acquire outcome unknown');
      }
      held = true;
      return { token: row.token, node: connection.node, session: row.session };
    },
    async release() {
      if (!held) return { released: false };
      held = false;
      const session = connection.current();
      return unlock(session === null ? null : async () => {
        // A transaction that had failed meanwhile ends in ROLLBACK: its lock was already gone.
        const [result] = await session.query('COMMIT', config.requestTimeoutMs);
        return result?.command === 'COMMIT';
      }, connection.drop);
    },
    async close() {
      connection.drop();
    },
  };
}
