import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultTarget } from '../../nemesis/fault-target.js';
import type { ClientReply, ClientRequest } from '../../workloads/protocol.js';
import type { ClientProcess, ClientSpawner } from '../client-process.js';
import type { InMemoryLockService } from './lock-service.js';
import type { InMemoryRegister } from './register-log.js';

export interface InMemorySpawnerOptions {
  service: InMemoryLockService;
  register: InMemoryRegister;
  /** How long an acquire retries a busy lock before it answers `fail`. */
  acquireTimeoutMs?: number;
  /** Answers this op `info` without doing it (a lost reply), when it returns true. */
  loseReply?(process: number, f: ClientRequest['f']): boolean;
  /** Makes the spawn of this process fail, when it returns true. */
  failSpawn?(process: number): boolean;
}

export interface InMemorySpawner extends ClientSpawner {
  readonly spawned: number[];
  readonly retired: number[];
}

type Value = Record<string, unknown>;

/** Clients in memory: each call runs at once against the in-memory lock and register; SIGSTOP holds calls until SIGCONT; SIGKILL makes every call `info`. */
export function inMemorySpawner(opts: InMemorySpawnerOptions): InMemorySpawner {
  const spawned: number[] = [];
  const retired: number[] = [];

  const perform = async (process: number, req: Omit<ClientRequest, 'id'>): Promise<{ type: 'ok' | 'fail'; value: Value; error?: string }> => {
    const token = req.value.token ?? null;
    if (req.f === 'acquire') {
      const deadline = Date.now() + (opts.acquireTimeoutMs ?? 20);
      for (;;) {
        const granted = opts.service.acquire(process);
        if (granted !== null) return { type: 'ok', value: { token: granted } };
        if (Date.now() >= deadline) return { type: 'fail', value: {}, error: 'lock busy until the acquire timeout' };
        await sleep(1);
      }
    }
    if (req.f === 'release') return { type: 'ok', value: { token, released: opts.service.release(process) } };
    const entry = opts.register.handle({ op: req.f, process, token, ...(req.f === 'write' ? { value: req.value.value ?? [], element: req.value.element ?? -1 } : {}) });
    if (entry.decision === 'rejected') return { type: 'fail', value: { rejected: true }, error: entry.reason ?? 'rejected' };
    return { type: 'ok', value: req.f === 'read' ? { token, value: entry.value } : { token, value: req.value.value, element: req.value.element } };
  };

  return {
    spawned,
    retired,
    async spawn(process) {
      if (opts.failSpawn?.(process)) throw new Error(`client-${process} did not start`);
      spawned.push(process);
      let killed = false;
      // While paused: a promise that SIGCONT, SIGKILL or retire resolves.
      let resumed: { promise: Promise<void>; resolve(): void } | null = null;
      const pause = (): { promise: Promise<void>; resolve(): void } => {
        let resolve = (): void => undefined;
        const promise = new Promise<void>((r) => { resolve = r; });
        return { promise, resolve };
      };
      const target: FaultTarget = {
        name: `client-${process}`, kind: 'client', ip: `10.0.1.${process % 250}`,
        async signal(sig) {
          if (sig === 'SIGKILL') killed = true;
          if (sig === 'SIGSTOP') resumed ??= pause();
          if (sig !== 'SIGSTOP' || killed) { resumed?.resolve(); resumed = null; }
        },
        exec: async () => ({ exitCode: 0, output: '' }),
        restart: async () => undefined,
      };
      const client: ClientProcess = {
        process, name: target.name, target,
        async call(req, timeoutMs): Promise<ClientReply> {
          const info = (error: string): ClientReply => ({ id: 0, type: 'info', error });
          const run = async (): Promise<ClientReply> => {
            if (resumed) await resumed.promise;
            if (killed) return info('client killed');
            if (opts.loseReply?.(process, req.f)) return info('reply lost');
            return { id: 0, ...(await perform(process, req)) };
          };
          const timeout = sleep(timeoutMs, info(`no reply within ${timeoutMs} ms`), { ref: false });
          return Promise.race([run(), timeout]);
        },
        async retire() {
          retired.push(process);
          killed = true;
          resumed?.resolve();
        },
      };
      return client;
    },
  };
}
