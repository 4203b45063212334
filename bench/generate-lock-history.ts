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
  /** Elements per register key before the workload moves to a fresh key (as `--key-every`). */
  keyEvery?: number;
  /** An acquire waits for the lock, as the harness's recipes do (they retry until granted), instead
   * of failing at once and asking again. */
  blockingAcquire?: boolean;
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
interface Slot { value: Cell | null; length: number; version: number }
interface Worker { process: number; phase: Phase; next: number; inFlight: boolean; token: number; key: number; read: Cell | null; readLength: number; base: number; element: number }

/**
 * Simulates a lock test (one lock with a TTL, a fenced register, workers looping acquire → read →
 * hold → write → release, a nemesis pausing the holder past its TTL) and records its history.
 * Its lines have the harness's shape (decimal-string tokens, client and lock node names) and its
 * bounded lines (DESIGN.md section 5): the register moves to a fresh
 * key every `keyEvery` elements, reads record key, length and version, writes the element and the
 * version they built on, and only the final read of each key carries its whole value. The history
 * stops at `ops` ops with the ops then in flight left open, as a run cut short would; the final
 * reads follow.
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
    history.push({ index: history.length, time: ns(ms), type, process, f, value, ...(process === 'nemesis' ? {} : { node: `client-${process}` }) });
  };
  const lock = { holder: -1, expires: 0, counter: 0 };
  const reg = { keys: new Map<number, Slot>(), highestAny: -Infinity, highestWrite: -Infinity };
  const keyEvery = opts.keyEvery ?? 1000;
  const slot = (key: number): Slot => {
    let s = reg.keys.get(key);
    if (!s) reg.keys.set(key, s = { value: null, length: 0, version: 0 });
    return s;
  };
  let nextProcess = 0;
  let nextElement = 0;
  const workers: Worker[] = Array.from({ length: opts.workers ?? 5 }, () => ({ process: nextProcess++, phase: 'acquire', next: random(), inFlight: false, token: 0, key: 0, read: null, readLength: 0, base: 0, element: 0 }));
  const nemesis = { next: opts.pauseEveryMs ?? 200, paused: null as Worker | null };

  const log = (ms: number, op: 'read' | 'write', w: Worker, accepted: boolean): void => {
    const s = slot(w.key);
    register.push({ seq: register.length, time: ns(ms), op, process: w.process, token: String(w.token), decision: accepted ? 'accepted' : 'rejected',
      key: w.key, length: s.length, version: s.version, ...(op === 'write' ? { element: w.element, base: w.base } : {}),
      highest: Number.isFinite(reg.highestAny) ? String(reg.highestAny) : null });
    if (accepted) reg.highestAny = Math.max(reg.highestAny, w.token);
  };
  const retire = (w: Worker, t: number): void => {
    w.process = nextProcess++;
    w.phase = 'acquire';
    w.next = t + 1;
  };

  const step = (w: Worker): void => {
    const t = w.next;
    const lockValue = { lock: 'L', token: String(w.token) };
    if (w.phase === 'hold') {
      w.phase = 'write';
      w.next = t;
      return;
    }
    if (!w.inFlight) {
      if (w.phase === 'write') w.element = nextElement++;
      if (w.phase === 'read') w.key = Math.floor(nextElement / keyEvery);
      const value = w.phase === 'acquire' ? { lock: 'L' } : w.phase === 'write' ? { ...lockValue, key: w.key, element: w.element, base: w.base }
        : w.phase === 'read' ? { ...lockValue, key: w.key } : lockValue;
      record(t, w.process, 'invoke', w.phase, value);
      w.inFlight = true;
      w.next = t + between(0.2, 1);
      return;
    }
    w.inFlight = false;
    const timedOut = random() < infoRate;
    if (w.phase === 'acquire') {
      const granted = lock.holder === -1 || lock.expires <= t;
      if (!granted && opts.blockingAcquire && !timedOut) {
        w.inFlight = true;
        w.next = t + between(0.2, 1);
        return;
      }
      if (granted) Object.assign(lock, { holder: w.process, expires: t + ttl, counter: lock.counter + 1 });
      w.token = lock.counter;
      if (timedOut) return void (record(t, w.process, 'info', 'acquire', { lock: 'L' }), retire(w, t));
      record(t, w.process, granted ? 'ok' : 'fail', 'acquire', granted ? { lock: 'L', token: String(w.token), node: 'n1' } : { lock: 'L' });
      Object.assign(w, granted ? { phase: 'read', next: t } : { next: t + between(1, 3) });
    } else if (w.phase === 'read') {
      const accepted = fencing !== 'full' || w.token >= reg.highestAny;
      log(t, 'read', w, accepted);
      const s = slot(w.key);
      Object.assign(w, { read: s.value, readLength: s.length, base: s.version });
      const readValue = { ...lockValue, key: w.key };
      if (timedOut) return void (record(t, w.process, 'info', 'read', readValue), retire(w, t));
      record(t, w.process, accepted ? 'ok' : 'fail', 'read', accepted ? { ...readValue, length: s.length, version: s.version } : { ...readValue, rejected: true });
      Object.assign(w, accepted ? { phase: 'hold', next: t + between(holdMin, holdMax) } : { phase: 'release', next: t });
    } else if (w.phase === 'write') {
      const limit = fencing === 'full' ? reg.highestAny : fencing === 'write' ? reg.highestWrite : -Infinity;
      const accepted = w.token >= limit && !(timedOut && random() < 0.5);
      if (accepted) {
        Object.assign(slot(w.key), { value: { element: w.element, rest: w.read }, length: w.readLength + 1, version: slot(w.key).version + 1 });
        reg.highestWrite = Math.max(reg.highestWrite, w.token);
      }
      log(t, 'write', w, accepted);
      const value = { ...lockValue, key: w.key, element: w.element, base: w.base };
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
      record(t, 'nemesis', 'info', 'stop', { fault: 'pause', targets: [`client-${nemesis.paused.process}`] });
      nemesis.paused = null;
      nemesis.next = t + (opts.pauseEveryMs ?? 200);
      return;
    }
    const holder = workers.find((w) => w.phase === 'hold');
    if (!holder) return void (nemesis.next = t + 1);
    record(t, 'nemesis', 'info', 'start', { fault: 'pause', targets: [`client-${holder.process}`] });
    holder.next += pauseMs;
    nemesis.paused = holder;
    nemesis.next = t + pauseMs;
  };

  // Room for the final reads, two ops per key.
  while (history.length < opts.ops - 2 * Math.max(1, reg.keys.size)) {
    let first = workers[0] as Worker;
    for (const w of workers) if (w.next < first.next) first = w;
    if (nemesis.next <= first.next) stepNemesis();
    else step(first);
  }
  const end = Math.max(...workers.map((w) => w.next), nemesis.paused ? nemesis.next : 0);
  for (const [key, s] of [...reg.keys].sort((a, b) => a[0] - b[0])) {
    const final: number[] = [];
    for (let c = s.value; c; c = c.rest) final.push(c.element);
    final.reverse();
    record(end, -1, 'invoke', 'final-read', { key });
    record(end, -1, 'ok', 'final-read', { key, value: final });
    register.push({ seq: register.length, time: ns(end), op: 'final-read', process: -1, token: null, decision: 'accepted', key, length: final.length, version: s.version, value: final, highest: null });
  }
  return { history, register, test: { fencing, ttlMs: ttl } };
}
