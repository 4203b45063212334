import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { LockClient, LockClientConfig } from '../lock-client.js';
import { DefiniteFailure } from '../../workloads/outcome-errors.js';
import { NO_NODE, SESSION_EXPIRED, ZkSession, zkCode } from './zk-session.js';

/** Children sort by the 10-digit sequence ZooKeeper appends. */
const bySequence = (a: string, b: string): number => a.slice(-10).localeCompare(b.slice(-10));

/**
 * ZooKeeper's lock recipe: create an ephemeral sequential node under the lock's path; the lowest
 * node holds the lock, every other waits for the deletion of the node just before its own;
 * release deletes the node. The session timeout is the TTL: a holder whose session expires (it was
 * paused, or cut off from the ensemble) loses its node, and the next waiter takes the lock.
 *
 * Node names carry a random prefix (Curator's "protected" mode), so a create whose answer was lost
 * can be found again. The token is the node's czxid: the zxid of the create, unique and increasing
 * over the whole ensemble and across leader changes (a new epoch raises the high 32 bits). The
 * sequence number would also increase, but it is a 32-bit counter of this one parent node, and
 * starts again if the parent is ever re-created.
 *
 * On session expiry the client library does not open a new session: this recipe opens one at the
 * next acquire. After any request whose outcome is unknown the session is closed (its ephemeral
 * node goes with it, or expires with it) and the operation ends unknown.
 */
export async function ephemeralSequentialRecipe(config: LockClientConfig): Promise<LockClient> {
  const dir = `/fencecheck/locks/${config.lock}`;
  const connectionString = config.nodes.map((n) => `${n.host}:${n.port}`).join(',');
  let session: ZkSession | null = null;
  let expired = false;
  let held: { path: string; disconnected: boolean } | null = null;

  const open = async (): Promise<ZkSession> => {
    const s = await ZkSession.open({
      connectionString, sessionTimeoutMs: config.ttlMs, connectTimeoutMs: config.requestTimeoutMs, requestTimeoutMs: config.requestTimeoutMs,
    });
    expired = false;
    s.client.on('expired', () => { expired = true; });
    // Curator's advice: a holder that lost its connection must assume the lock may be gone.
    s.client.on('disconnected', () => { if (held) held.disconnected = true; });
    await s.mkdirp(dir).catch((err: unknown) => {
      s.close();
      throw err;
    });
    return s;
  };
  const giveUp = (s: ZkSession, what: string, err: unknown): Error => {
    s.close();
    if (session === s) session = null;
    return new Error(`${what} outcome unknown: ${(err as Error).message}`, { cause: err });
  };

  const takeTurn = async (s: ZkSession, path: string, deadline: number): Promise<string | null> => {
    const name = path.slice(dir.length + 1);
    for (;;) {
      const children = (await s.children(dir)).sort(bySequence);
      const at = children.indexOf(name);
      if (at < 0) throw new Error(`our lock node ${name} is gone (the session expired)`);
      if (at === 0) {
        const stat = await s.stat(path);
        if (!stat) throw new Error(`our lock node ${name} is gone (the session expired)`);
        return stat.czxid.readBigUInt64BE(0).toString();
      }
      const left = deadline - performance.now();
      if (left <= 0) return null;
      await s.waitForDeletion(`${dir}/${children[at - 1]!}`, left);
    }
  };

  return {
    async acquire() {
      const deadline = performance.now() + config.acquireTimeoutMs;
      if (!session || expired) {
        session?.close();
        session = null;
        // No session, no node: the lock was certainly not taken.
        session = await open().catch((err: unknown) => {
          throw new DefiniteFailure(`could not open a ZooKeeper session: ${(err as Error).message}`, {}, { cause: err });
        });
      }
      const s = session;
      const prefix = `lock-${config.process}-${randomBytes(6).toString('hex')}-`;
      let path: string;
      try {
        path = await s.createEphemeralSequential(`${dir}/${prefix}`, Buffer.from(String(config.process)));
      } catch (err) {
        throw giveUp(s, 'acquire', err);
      }
      let token: string | null;
      try {
        token = await takeTurn(s, path, deadline);
      } catch (err) {
        throw giveUp(s, 'acquire', err);
      }
      if (token !== null) {
        held = { path, disconnected: false };
        return { token };
      }
      try {
        await s.remove(path);
      } catch (err) {
        throw giveUp(s, 'acquire', err);
      }
      throw new DefiniteFailure('lock busy until the acquire timeout');
    },
    async release() {
      const mine = held;
      held = null;
      const s = session;
      if (!mine || !s) return { released: false };
      // The ensemble deletes a session's ephemeral nodes when it expires it.
      if (expired) return { released: false };
      try {
        await s.remove(mine.path);
        return { released: true };
      } catch (err) {
        const code = zkCode(err);
        if (code === NO_NODE || code === SESSION_EXPIRED) return { released: false };
        throw giveUp(s, 'release', err);
      }
    },
    leaseLost: () => held !== null && (expired || held.disconnected),
    async close() {
      session?.close();
      session = null;
    },
  };
}
