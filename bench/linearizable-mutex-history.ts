import type { Op, OpType, ProcessId } from '../checkers/history.js';

export interface MutexHistoryOptions {
  /** Approximate number of history lines (invocations and completions: twice the operations). */
  ops: number;
  /** Concurrent client processes; a process retired by an `info` op is replaced by a new id. */
  processes: number;
  /** Probability that an op ends `info` (unknown). */
  infoRate: number;
  seed: number;
}

/**
 * A fencecheck lock history of one lock from a simulated correct mutex: clients queue for the
 * lock, which is granted to a random waiter when free. Unknown outcomes are of three kinds, all
 * consistent with a mutex: an acquire that times out without taking effect, a release that takes
 * effect but whose reply is lost, and a holder whose read times out and whose lock then expires.
 */
export function generateMutexHistory(opts: MutexHistoryOptions): Op[] {
  let seed = opts.seed >>> 0;
  const rand = (): number => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const lat = (): number => 1 + Math.floor(rand() * 50);
  const events: Omit<Op, 'index'>[] = [];
  const emit = (time: number, type: OpType, process: ProcessId, f: string, value: unknown): void => {
    events.push({ time, type, process, f, value });
  };
  const lock = 'L';
  let nextId = opts.processes;
  const waiting: { p: number; at: number }[] = [];
  const ready: { p: number; at: number }[] = Array.from({ length: opts.processes }, (_, p) => ({ p, at: Math.floor(rand() * 100) }));
  let free = 0;
  let token = 0;
  while (events.length < opts.ops) {
    ready.sort((a, b) => a.at - b.at);
    // Everyone ready before the lock frees joins the queue first.
    while (ready.length > 0 && ((ready[0] as { at: number }).at <= free || waiting.length === 0)) {
      const r = ready.shift() as { p: number; at: number };
      emit(r.at, 'invoke', r.p, 'acquire', { lock });
      if (rand() < opts.infoRate) {
        emit(r.at + 1000 + lat(), 'info', r.p, 'acquire', { lock });
        ready.push({ p: nextId++, at: r.at + 1000 + 2 * lat() });
        continue;
      }
      waiting.push(r);
    }
    if (waiting.length === 0) continue;
    const w = waiting.splice(Math.floor(rand() * waiting.length), 1)[0] as { p: number; at: number };
    const granted = Math.max(free, w.at) + lat();
    token++;
    const okAt = granted + lat();
    emit(okAt, 'ok', w.p, 'acquire', { lock, token });
    const releaseAt = okAt + lat();
    if (rand() < opts.infoRate) {
      emit(releaseAt, 'invoke', w.p, 'read', { lock, token });
      emit(releaseAt + 1000, 'info', w.p, 'read', { lock, token });
      free = releaseAt + 500 + lat();
      ready.push({ p: nextId++, at: releaseAt + 1000 + lat() });
      continue;
    }
    emit(releaseAt, 'invoke', w.p, 'release', { lock, token });
    free = releaseAt + lat();
    if (rand() < opts.infoRate) {
      emit(free + 1000, 'info', w.p, 'release', { lock, token });
      ready.push({ p: nextId++, at: free + 1000 + lat() });
    } else {
      const done = free + lat();
      emit(done, 'ok', w.p, 'release', { lock, token, released: true });
      ready.push({ p: w.p, at: done + lat() });
    }
  }
  events.sort((a, b) => a.time - b.time);
  return events.map((e, index) => ({ index, ...e }));
}
