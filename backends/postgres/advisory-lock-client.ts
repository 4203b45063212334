import type { LockClient, LockClientConfig } from '../lock-client.js';
import { isDefiniteFailure } from '../../workloads/outcome-errors.js';
import type { PgSession } from './pg-session.js';
import { sessionEnded } from './pg-session.js';
import { sessionConnection } from './session-connection.js';

/** What a recipe sends on its session: the grant with its token, and the release. */
export interface AdvisoryRecipe {
  /**
   * Takes the lock and its token; throws DefiniteFailure when it was certainly not granted (the
   * session stays), any other error when it cannot tell (the session is then dropped, so the
   * server frees whatever was granted once it notices).
   */
  grant(session: PgSession): Promise<{ token: string; session: number }>;
  /** Releases; resolves false when the lock was no longer this session's. */
  unlock(session: PgSession): Promise<boolean>;
}

/**
 * A lock client over one kept connection. The lock lives as long as the server session: once the
 * server has ended it (terminated, dropped after a network cut, timed out), release answers
 * released=false; any other failure of the release leaves its outcome unknown.
 */
export function advisoryLockClient(config: LockClientConfig, recipe: AdvisoryRecipe): LockClient {
  const connection = sessionConnection(config);
  let held = false;
  return {
    async acquire() {
      const session = await connection.get();
      try {
        const granted = await recipe.grant(session);
        held = true;
        return { token: granted.token, node: connection.node, session: granted.session };
      } catch (err) {
        if (isDefiniteFailure(err)) throw err;
        connection.drop();
        throw new Error(`acquire outcome unknown: ${(err as Error).message}`, { cause: err });
      }
    },
    async release() {
      if (!held) return { released: false };
      held = false;
      const session = connection.current();
      if (session === null) return { released: false };
      try {
        return { released: await recipe.unlock(session) };
      } catch (err) {
        connection.drop();
        if (sessionEnded(err)) return { released: false };
        throw new Error(`release outcome unknown: ${(err as Error).message}`, { cause: err });
      }
    },
    async close() {
      connection.drop();
    },
  };
}
