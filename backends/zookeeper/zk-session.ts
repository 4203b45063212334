import zookeeper from 'node-zookeeper-client';
import type { Client, Stat } from 'node-zookeeper-client';

/** A ZooKeeper error code (node-zookeeper-client's Exception), or undefined for anything else. */
export function zkCode(err: unknown): number | undefined {
  const code = (err as { getCode?: () => number } | null)?.getCode?.();
  if (typeof code === 'number') return code;
  return err instanceof Error && err.cause !== undefined ? zkCode(err.cause) : undefined;
}

export const { NO_NODE, NODE_EXISTS, SESSION_EXPIRED } = zookeeper.Exception;

/**
 * One ZooKeeper session through node-zookeeper-client, its callbacks as promises. Each request
 * also ends after `requestTimeoutMs` (the library itself waits until the connection drops), and
 * then its outcome is unknown.
 */
export class ZkSession {
  readonly client: Client;

  private constructor(client: Client, private readonly requestTimeoutMs: number) {
    this.client = client;
  }

  /** Connects with the session timeout asked for; rejects when no member accepts within the time or the timeout is not granted as asked. */
  static async open(opts: { connectionString: string; sessionTimeoutMs: number; connectTimeoutMs: number; requestTimeoutMs: number }): Promise<ZkSession> {
    const client = zookeeper.createClient(opts.connectionString, { sessionTimeout: opts.sessionTimeoutMs });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        client.close();
        reject(new Error(`no ZooKeeper member at ${opts.connectionString} accepted a session within ${opts.connectTimeoutMs} ms`));
      }, opts.connectTimeoutMs);
      client.once('connected', () => { clearTimeout(timer); resolve(); });
      client.connect();
    });
    if (client.getSessionTimeout() !== opts.sessionTimeoutMs) {
      client.close();
      throw new Error(`ZooKeeper granted a session timeout of ${client.getSessionTimeout()} ms, not the ${opts.sessionTimeoutMs} ms asked (its min/maxSessionTimeout)`);
    }
    return new ZkSession(client, opts.requestTimeoutMs);
  }

  mkdirp(path: string): Promise<void> {
    return this.call<string>((cb) => this.client.mkdirp(path, cb)).then(() => undefined);
  }

  /** Creates an ephemeral sequential node; resolves with its path. */
  createEphemeralSequential(path: string, data: Buffer): Promise<string> {
    return this.call<string>((cb) => this.client.create(path, data, zookeeper.CreateMode.EPHEMERAL_SEQUENTIAL, cb));
  }

  children(path: string): Promise<string[]> {
    return this.call<string[]>((cb) => this.client.getChildren(path, cb));
  }

  /** The node's stat, or null when it does not exist. */
  stat(path: string): Promise<Stat | null> {
    return this.call<Stat | null>((cb) => this.client.exists(path, cb));
  }

  /** Resolves when the node is gone (at once when it is already), or after `waitMs`; false then. */
  async waitForDeletion(path: string, waitMs: number): Promise<boolean> {
    let deleted!: () => void;
    const gone = new Promise<void>((resolve) => { deleted = resolve; });
    const stat = await this.call<Stat | null>((cb) => this.client.exists(path, (event) => {
      if (event.getName() === 'NODE_DELETED') deleted();
    }, cb));
    if (stat === null) return true;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), waitMs); });
    const result = await Promise.race([gone.then(() => true), timedOut]);
    clearTimeout(timer);
    return result;
  }

  remove(path: string): Promise<void> {
    return this.call<void>((cb) => this.client.remove(path, (err) => cb(err, undefined)));
  }

  close(): void {
    this.client.close();
  }

  private call<T>(start: (cb: (err: unknown, value: T) => void) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer from ZooKeeper within ${this.requestTimeoutMs} ms`)), this.requestTimeoutMs);
      start((err, value) => {
        clearTimeout(timer);
        if (err) reject(err instanceof Error ? err : new Error(String(err), { cause: err }));
        else resolve(value);
      });
    });
  }
}
