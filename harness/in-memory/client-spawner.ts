import { setTimeout as sleep } from 'node:timers/promises';
import { pollUntil } from '../../lib/poll-until.js';
import type { FaultTarget } from '../../nemesis/fault-target.js';
import type { ClientReply, ClientRequest } from '../../workloads/protocol.js';
import type { ClientProcess, ClientSpawner } from '../client-process.js';
import { DefiniteFailure, isDefiniteFailure } from '../../workloads/outcome-errors.js';
import { ReadModifyWrite } from '../../workloads/read-modify-write.js';
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
  // Each process's own read-modify-write, as a client container keeps it; calls are sequential.
  const cycles = new Map<number, ReadModifyWrite>();

  const perform = async (process: number, req: Omit<ClientRequest, 'id'>): Promise<{ type: 'ok' | 'fail'; value: Value; error?: string }> => {
    const token = req.value.token ?? null;
    if (req.f === 'acquire') {
      const granted = await pollUntil({ what: 'the lock', timeoutMs: opts.acquireTimeoutMs ?? 20, intervalMs: 1,
        attempt: () => opts.service.acquire(process) }).catch(() => null);
      return granted !== null ? { type: 'ok', value: { token: granted } } : { type: 'fail', value: {}, error: 'lock busy until the acquire timeout' };
    }
    if (req.f === 'release') return { type: 'ok', value: { token, released: opts.service.release(process) } };
    const key = req.value.key ?? 0;
    const cycle = cycles.get(process) ?? new ReadModifyWrite({
      read: async (r) => {
        const entry = opts.register.handle({ op: 'read', process, ...r });
        if (entry.decision === 'rejected') throw new DefiniteFailure(entry.reason ?? 'rejected', { rejected: true });
        return opts.register.read(r.key);
      },
      write: async (w) => {
        const entry = opts.register.handle({ op: 'write', process, ...w });
        if (entry.decision === 'rejected') throw new DefiniteFailure(entry.reason ?? 'rejected', { rejected: true });
      },
    });
    cycles.set(process, cycle);
    try {
      const done = req.f === 'read' ? await cycle.read(key, token) : await cycle.write({ key, token, element: req.value.element ?? -1, base: req.value.base ?? -1 });
      return { type: 'ok', value: { token, ...done } };
    } catch (err) {
      if (!isDefiniteFailure(err)) throw err;
      return { type: 'fail', value: err.details, error: err.message };
    }
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
