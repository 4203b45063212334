import type { Op, RegisterEntry } from '../checkers/history.js';

/** What the simulated test looks like. Times in ms. */
export interface LockHistoryOptions {
  ops: number;
  seed?: number;
  workers?: number;
  fencing?: 'none' | 'write' | 'full';
  ttlMs?: number;
  holdMs?: [number, number];
  /** A holder is paused this long (longer than the TTL: double holders) every `pauseEveryMs`. */
  pauseMs?: number;
  pauseEveryMs?: number;
  /** Chance that an op times out (info) and its process is retired. */
  infoRate?: number;
}

export interface GeneratedHistory { history: Op[]; register: RegisterEntry[]; test: { fencing: 'none' | 'write' | 'full'; ttlMs: number } }

/** Register values as a persistent list: a write shares the list it read, so building the history
 * costs O(1) per write instead of copying a value that grows with the test. */
interface Cell { element: number; rest: Cell | null }

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Phase = 'acquire' | 'read' | 'hold' | 'write' | 'release';
interface Worker { process: number; phase: Phase; next: number; inFlight: boolean; token: number; read: Cell | null; element: number }

/**
 * Simulates a lock test (one lock with a TTL, a fenced register, workers looping acquire → read →
 * hold → write → release, a nemesis pausing the holder past its TTL) and records its history.
 * Every read and write in the history and the register log carries an empty `value`: in a real run
 * each carries the whole register, which grows with the test, and 1M ops of that would not fit in
 * memory. The final read carries the real final value. The history stops at `ops` ops with the ops
 * then in flight left open, as a run cut short would.
 */
export function generateLockHistory(opts: LockHistoryOptions): GeneratedHistory {
  const random = mulberry32(opts.seed ?? 1);
  const between = (lo: number, hi: number): number => lo + (hi - lo) * random();
  const fencing = opts.fencing ?? 'none';
  const ttl = opts.ttlMs ?? 20;
  const [holdMin, holdMax] = opts.holdMs ?? [1, 4];
  const infoRate = opts.infoRate ?? 0.001;
  const history: Op[] = [];
  const register: RegisterEntry[] = [];
  const ns = (ms: number): number => Math.round(ms * 1e6);
  const record = (ms: number, process: number | 'nemesis', type: Op['type'], f: string, value: unknown): void => {
    history.push({ index: history.length, time: ns(ms), type, process, f, value, ...(process === 'nemesis' ? {} : { node: `c${process}` }) });
  };
  const lock = { holder: -1, expires: 0, counter: 0 };
  const reg = { value: null as Cell | null, highestAny: -Infinity, highestWrite: -Infinity };
  let nextProcess = 0;
  let nextElement = 0;
  const workers: Worker[] = Array.from({ length: opts.workers ?? 5 }, () => ({ process: nextProcess++, phase: 'acquire', next: random(), inFlight: false, token: 0, read: null, element: 0 }));
  const nemesis = { next: opts.pauseEveryMs ?? 200, paused: null as Worker | null };

  const log = (ms: number, op: 'read' | 'write', w: Worker, accepted: boolean): void => {
    register.push({ seq: register.length, time: ns(ms), op, process: w.process, token: w.token, decision: accepted ? 'accepted' : 'rejected',
      value: [], ...(op === 'write' ? { element: w.element } : {}), highest: Number.isFinite(reg.highestAny) ? reg.highestAny : null });
    if (accepted) reg.highestAny = Math.max(reg.highestAny, w.token);
  };
  const retire = (w: Worker, t: number): void => {
    w.process = nextProcess++;
    w.phase = 'acquire';
    w.next = t + 1;
  };

  const step = (w: Worker): void => {
    const t = w.next;
    const lockValue = { lock: 'L', token: w.token };
    if (w.phase === 'hold') {
      w.phase = 'write';
      w.next = t;
      return;
    }
    if (!w.inFlight) {
      if (w.phase === 'write') w.element = nextElement++;
      const value = w.phase === 'acquire' ? { lock: 'L' } : w.phase === 'write' ? { ...lockValue, value: [], element: w.element } : lockValue;
      record(t, w.process, 'invoke', w.phase, value);
      w.inFlight = true;
      w.next = t + between(0.2, 1);
      return;
    }
    w.inFlight = false;
    const timedOut = random() < infoRate;
    if (w.phase === 'acquire') {
      const granted = lock.holder === -1 || lock.expires <= t;
      if (granted) Object.assign(lock, { holder: w.process, expires: t + ttl, counter: lock.counter + 1 });
      w.token = lock.counter;
      if (timedOut) return void (record(t, w.process, 'info', 'acquire', { lock: 'L' }), retire(w, t));
      record(t, w.process, granted ? 'ok' : 'fail', 'acquire', granted ? { lock: 'L', token: w.token } : { lock: 'L' });
      Object.assign(w, granted ? { phase: 'read', next: t } : { next: t + between(1, 3) });
    } else if (w.phase === 'read') {
      const accepted = fencing !== 'full' || w.token >= reg.highestAny;
      log(t, 'read', w, accepted);
      w.read = reg.value;
      if (timedOut) return void (record(t, w.process, 'info', 'read', lockValue), retire(w, t));
      record(t, w.process, accepted ? 'ok' : 'fail', 'read', accepted ? { ...lockValue, value: [] } : { ...lockValue, rejected: true });
      Object.assign(w, accepted ? { phase: 'hold', next: t + between(holdMin, holdMax) } : { phase: 'release', next: t });
    } else if (w.phase === 'write') {
      const limit = fencing === 'full' ? reg.highestAny : fencing === 'write' ? reg.highestWrite : -Infinity;
      const accepted = w.token >= limit && !(timedOut && random() < 0.5);
      log(t, 'write', w, accepted);
      if (accepted) {
        reg.value = { element: w.element, rest: w.read };
        reg.highestWrite = Math.max(reg.highestWrite, w.token);
      }
      const value = { ...lockValue, value: [], element: w.element };
      if (timedOut) return void (record(t, w.process, 'info', 'write', value), retire(w, t));
      record(t, w.process, accepted ? 'ok' : 'fail', 'write', accepted ? value : { ...value, rejected: true });
      Object.assign(w, { phase: 'release', next: t });
    } else {
      const released = lock.holder === w.process && lock.expires > t;
      if (released) lock.holder = -1;
      if (timedOut) return void (record(t, w.process, 'info', 'release', lockValue), retire(w, t));
      record(t, w.process, 'ok', 'release', { ...lockValue, released });
      Object.assign(w, { phase: 'acquire', next: t + between(0, 1) });
    }
  };

  const pauseMs = opts.pauseMs ?? ttl * 1.5;
  const stepNemesis = (): void => {
    const t = nemesis.next;
    if (nemesis.paused) {
      record(t, 'nemesis', 'info', 'stop', { fault: 'pause', targets: [`c${nemesis.paused.process}`] });
      nemesis.paused = null;
      nemesis.next = t + (opts.pauseEveryMs ?? 200);
      return;
    }
    const holder = workers.find((w) => w.phase === 'hold');
    if (!holder) return void (nemesis.next = t + 1);
    record(t, 'nemesis', 'info', 'start', { fault: 'pause', targets: [`c${holder.process}`] });
    holder.next += pauseMs;
    nemesis.paused = holder;
    nemesis.next = t + pauseMs;
  };

  while (history.length < opts.ops - 2) {
    let first = workers[0] as Worker;
    for (const w of workers) if (w.next < first.next) first = w;
    if (nemesis.next <= first.next) stepNemesis();
    else step(first);
  }
  const end = Math.max(...workers.map((w) => w.next), nemesis.next);
  const final: number[] = [];
  for (let c = reg.value; c; c = c.rest) final.push(c.element);
  final.reverse();
  record(end, -1, 'invoke', 'final-read', {});
  record(end, -1, 'ok', 'final-read', { value: final });
  register.push({ seq: register.length, time: ns(end), op: 'final-read', process: -1, token: null, decision: 'accepted', value: final, highest: null });
  return { history, register, test: { fencing, ttlMs: ttl } };
}
