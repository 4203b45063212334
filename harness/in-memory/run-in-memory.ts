import type { Op } from '../../checkers/history.js';
import type { Fault } from '../../nemesis/fault.js';
import { startClock } from '../clock.js';
import type { FencingMode } from '../fenced-register.js';
import { createHistoryRecorder } from '../history-recorder.js';
import { seededRandom } from '../random.js';
import { runWorkload } from '../test-run.js';
import { inMemorySpawner, type InMemorySpawner, type InMemorySpawnerOptions } from './client-spawner.js';
import { inMemoryLockService, type InMemoryLockService } from './lock-service.js';
import { inMemoryRegister, type LoggedDecision } from './register-log.js';

export interface InMemoryRunOptions extends Pick<InMemorySpawnerOptions, 'loseReply' | 'failSpawn'> {
  fencing: FencingMode;
  clients: number;
  timeLimitMs: number;
  holdMs?: { min: number; max: number };
  /** Breaks the lock service: a busy lock is granted anyway to every second asker. */
  grantTwice?: boolean;
  faults?: readonly Fault[];
  nemesisIntervalMs?: number;
  faultDurationMs?: number;
  signal?: AbortSignal;
  seed?: number;
}

export interface InMemoryRun {
  history: readonly Op[];
  register: readonly LoggedDecision[];
  service: InMemoryLockService;
  spawner: InMemorySpawner;
}

/**
 * The harness's workload and nemesis loops against an in-memory lock service, register and
 * clients, ending with the final read as runTest does: a test run without Docker.
 */
export async function runInMemory(opts: InMemoryRunOptions): Promise<InMemoryRun> {
  const clock = startClock();
  const recorder = createHistoryRecorder({ clock, writer: { append: () => undefined, close: () => undefined } });
  const service = inMemoryLockService({ grantTwice: opts.grantTwice });
  const register = inMemoryRegister(opts.fencing, clock);
  const spawner = inMemorySpawner({ service, register, loseReply: opts.loseReply, failSpawn: opts.failSpawn });
  const ttlMs = 1000;
  await runWorkload({
    options: { clients: opts.clients, lock: 'L', holdMs: opts.holdMs ?? { min: 0, max: 2 }, opTimeoutMs: 2000, timeLimitMs: opts.timeLimitMs,
      nemesisIntervalMs: opts.nemesisIntervalMs ?? 20, faultDurationMs: opts.faultDurationMs ?? 10 },
    faults: opts.faults ?? [], spawner, recorder, random: seededRandom(opts.seed ?? 1),
    service: { nodes: () => [], leaderName: async () => null }, protectedIps: [],
    settings: { ttlMs, durationMs: opts.faultDurationMs ?? 10, clockOffsetMs: ttlMs + 500, delayMs: 100, lossPercent: 10 },
    signal: opts.signal ?? new AbortController().signal, onProgress: () => undefined,
  });
  recorder.record({ type: 'invoke', process: -1, f: 'final-read', value: {} });
  recorder.record({ type: 'ok', process: -1, f: 'final-read', value: { value: register.finalRead() } });
  return { history: recorder.ops, register: register.log, service, spawner };
}
