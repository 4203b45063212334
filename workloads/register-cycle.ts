import type { Op, OpType } from '../checkers/history.js';
import type { ClientF, ClientReply, ClientRequest, Token } from './protocol.js';

/** One client process as the cycle drives it. */
export interface CycleClient {
  readonly process: number;
  /** The container's name, recorded as each op's node. */
  readonly name: string;
  call(req: Omit<ClientRequest, 'id'>, timeoutMs: number): Promise<ClientReply>;
}

/** Where a client is in its critical section, as the harness last saw it. */
export type HolderPhase = 'acquired' | 'holding' | 'writing' | 'releasing';

export interface CycleOptions {
  record(op: Omit<Op, 'index' | 'time'>): unknown;
  /** Tells who holds the lock, for faults aimed at the holder; null once the cycle is over. */
  setPhase(phase: HolderPhase | null): void;
  random: { int(min: number, max: number): number };
  lock: string;
  /** Milliseconds to hold the lock between the read and the write, drawn from [min, max]. */
  holdMs: { min: number; max: number };
  opTimeoutMs: number;
  /** Gives each write its unique element. */
  nextElement(): number;
  sleep(ms: number): Promise<void>;
  /** False once a fault killed the client's process: no further op is invoked on it. */
  alive(): boolean;
}

type Step = { type: OpType; value: Record<string, unknown> };

/**
 * One turn of the fenced-register workload (DESIGN.md section 6): acquire → read → hold → write →
 * release. Resolves `retire` when an op ended `info` (the process may be in any state, so it is
 * never used again) or the process was killed, `next` otherwise.
 */
export async function runRegisterCycle(client: CycleClient, opts: CycleOptions): Promise<'next' | 'retire'> {
  try {
    return await cycle(client, opts);
  } finally {
    opts.setPhase(null);
  }
}

async function call(client: CycleClient, f: ClientF, value: Record<string, unknown>, opts: CycleOptions): Promise<Step | null> {
  if (!opts.alive()) {
    // Killed inside its critical section: the history says so with an op of unknown outcome, so the
    // holder's belief visibly may end here. Killed before an acquire, it simply never asks.
    if (f !== 'acquire') {
      opts.record({ type: 'invoke', process: client.process, f, value, node: client.name });
      opts.record({ type: 'info', process: client.process, f, value, node: client.name, error: 'the client process was killed by a fault' });
    }
    return null;
  }
  opts.record({ type: 'invoke', process: client.process, f, value, node: client.name });
  const reply = await client.call({ f, value }, opts.opTimeoutMs);
  const done = { ...value, ...(reply.type === 'info' ? {} : reply.value) };
  opts.record({ type: reply.type, process: client.process, f, value: done, node: client.name, ...(reply.error ? { error: reply.error } : {}) });
  return reply.type === 'info' ? null : { type: reply.type, value: done };
}

function tokenOf(value: Record<string, unknown>): Token {
  const token = value.token;
  if (typeof token === 'string') return token;
  // A recipe that hands back a number still gets a string: the history keeps 64-bit precision.
  return typeof token === 'number' || typeof token === 'bigint' ? String(token) : null;
}

async function cycle(client: CycleClient, opts: CycleOptions): Promise<'next' | 'retire'> {
  const lock = opts.lock;
  const acquired = await call(client, 'acquire', { lock }, opts);
  if (!acquired) return 'retire';
  if (acquired.type === 'fail') return 'next';
  const token = tokenOf(acquired.value);
  opts.setPhase('acquired');

  const read = await call(client, 'read', { lock, token }, opts);
  if (!read) return 'retire';
  if (read.type === 'ok') {
    opts.setPhase('holding');
    await opts.sleep(opts.random.int(opts.holdMs.min, opts.holdMs.max));
    opts.setPhase('writing');
    const element = opts.nextElement();
    const value = [...((read.value.value as number[] | undefined) ?? []), element];
    if (!await call(client, 'write', { lock, token, value, element }, opts)) return 'retire';
  }
  opts.setPhase('releasing');
  return await call(client, 'release', { lock, token }, opts) ? 'next' : 'retire';
}
