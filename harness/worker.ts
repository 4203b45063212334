import type { OpType } from '../checkers/history.js';
import type { ClientF } from '../workloads/protocol.js';
import type { ClientProcess, ClientSpawner } from './client-process.js';
import type { HistoryRecorder } from './history-recorder.js';
import type { Holders } from './holders.js';
import type { Random } from './random.js';

export interface WorkerOptions {
  spawner: ClientSpawner;
  recorder: HistoryRecorder;
  holders: Holders;
  random: Random;
  lock: string;
  /** Milliseconds to hold the lock between the read and the write, drawn from [min, max]. */
  holdMs: { min: number; max: number };
  opTimeoutMs: number;
  /** Gives each new process its id (never reused) and each write its unique element. */
  nextProcess(): number;
  nextElement(): number;
  /** True once the test should stop starting new cycles. */
  stopping(): boolean;
  sleep(ms: number): Promise<void>;
}

type Step = { type: OpType; value: Record<string, unknown> };

/**
 * One worker: a sequence of client processes that loop acquire → read → hold → write → release.
 * Whenever an operation ends `info`, the process is retired and a new one takes its place.
 */
export async function runWorker(opts: WorkerOptions): Promise<void> {
  let client: ClientProcess | null = null;
  try {
    while (!opts.stopping()) {
      client ??= await opts.spawner.spawn(opts.nextProcess());
      const outcome = await cycle(client, opts);
      opts.holders.delete(client);
      if (outcome === 'retire') {
        await client.retire();
        client = null;
      }
    }
  } finally {
    if (client) opts.holders.delete(client);
  }
}

async function call(client: ClientProcess, f: ClientF, value: Record<string, unknown>, opts: WorkerOptions): Promise<Step> {
  opts.recorder.record({ type: 'invoke', process: client.process, f, value, node: client.name });
  const reply = await client.call({ f, value }, opts.opTimeoutMs);
  const done = { ...value, ...(reply.type === 'info' ? {} : reply.value) };
  opts.recorder.record({ type: reply.type, process: client.process, f, value: done, node: client.name,
    ...(reply.error ? { error: reply.error } : {}) });
  return { type: reply.type, value: done };
}

async function cycle(client: ClientProcess, opts: WorkerOptions): Promise<'next' | 'retire'> {
  const lock = opts.lock;
  const acquired = await call(client, 'acquire', { lock }, opts);
  if (acquired.type === 'info') return 'retire';
  if (acquired.type === 'fail') return 'next';
  const token = (acquired.value.token as number | null | undefined) ?? null;
  opts.holders.set(client, 'acquired');

  const read = await call(client, 'read', { lock, token }, opts);
  if (read.type === 'info') return 'retire';
  if (read.type === 'ok') {
    opts.holders.set(client, 'holding');
    await opts.sleep(opts.random.int(opts.holdMs.min, opts.holdMs.max));
    opts.holders.set(client, 'writing');
    const element = opts.nextElement();
    const value = [...((read.value.value as number[] | undefined) ?? []), element];
    const written = await call(client, 'write', { lock, token, value, element }, opts);
    if (written.type === 'info') return 'retire';
  }
  opts.holders.set(client, 'releasing');
  const released = await call(client, 'release', { lock, token }, opts);
  return released.type === 'info' ? 'retire' : 'next';
}
