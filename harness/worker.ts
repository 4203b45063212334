import type { Op } from '../checkers/history.js';
import { runRegisterCycle } from '../workloads/register-cycle.js';
import type { ClientProcess, ClientSpawner } from './client-process.js';
import type { Holders } from './holders.js';
import type { Random } from './random.js';

export interface WorkerOptions {
  spawner: ClientSpawner;
  record(op: Omit<Op, 'index' | 'time'>): unknown;
  holders: Holders;
  random: Random;
  lock: string;
  holdMs: { min: number; max: number };
  opTimeoutMs: number;
  /** Gives each new process its id (never reused) and each write its unique element. */
  nextProcess(): number;
  nextElement(): number;
  /** True once the test should stop starting new cycles. */
  stopping(): boolean;
  sleep(ms: number): Promise<void>;
  /** False once a fault killed this client's process. */
  alive(client: ClientProcess): boolean;
}

/**
 * One worker: a sequence of client processes, each looping through the register cycle. Whenever
 * an op ends `info` or a fault kills the process, it is retired and a new one takes its place.
 */
export async function runWorker(opts: WorkerOptions): Promise<void> {
  let client: ClientProcess | null = null;
  while (!opts.stopping()) {
    client ??= await opts.spawner.spawn(opts.nextProcess());
    const current: ClientProcess = client;
    const outcome = await runRegisterCycle(current, {
      record: opts.record, setPhase: (phase) => opts.holders.set(current, phase), random: opts.random, lock: opts.lock,
      holdMs: opts.holdMs, opTimeoutMs: opts.opTimeoutMs, nextElement: opts.nextElement, sleep: opts.sleep,
      alive: () => opts.alive(current),
    });
    if (outcome === 'retire' || !opts.alive(current)) {
      await current.retire();
      client = null;
    }
  }
}
