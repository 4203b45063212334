import type { LockClientConfig } from '../lock-client.js';
import { DefiniteFailure } from '../../workloads/outcome-errors.js';
import { openPgSession, type PgSession } from './pg-session.js';

/**
 * The one connection a recipe keeps (the "dedicated session"), opened again at the next acquire
 * once it has ended. Clients reach the first address: the server, or the pooler in front of it.
 */
export interface SessionConnection {
  /** The live session, connecting first when there is none; a failure to connect is a DefiniteFailure. */
  get(): Promise<PgSession>;
  /** The session the last acquire used, or null once it has ended (the server ended it, or it was dropped). */
  current(): PgSession | null;
  /** Drops the session (the server then frees whatever it held, once it notices). */
  drop(): void;
  readonly node: string;
}

export function sessionConnection(config: LockClientConfig): SessionConnection {
  const address = config.nodes[0];
  if (!address) throw new Error('the postgres backend gives its clients one address');
  let session: PgSession | null = null;
  return {
    node: address.name,
    async get() {
      if (session && session.gone === null) return session;
      session?.close();
      session = null;
      try {
        session = await openPgSession({
          host: address.host, port: address.port, name: `fencecheck-${config.process}`, connectTimeoutMs: config.requestTimeoutMs,
        });
      } catch (err) {
        // Nothing was sent on a connection that never opened: certainly not acquired.
        throw new DefiniteFailure((err as Error).message, {}, { cause: err });
      }
      return session;
    },
    current() {
      return session && session.gone === null ? session : null;
    },
    drop() {
      session?.close();
      session = null;
    },
  };
}
