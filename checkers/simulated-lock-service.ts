import type { CheckInput, Op, RegisterEntry } from './history.js';

/**
 * A simulated lease-lock service with fenced-register clients, driven by a plan (no randomness
 * here: the generated tests draw plans). It produces what the harness records: a history and a
 * register log, stamped as DESIGN.md section 4 demands (an op's effect happens at its point, its
 * invocation no later and its completion no earlier).
 *
 * The correct service grants a lock only when it is free: released, or its holder's lease has
 * lapsed (TTL past its last request) and its holder no longer believes it holds it (crashed, or
 * its release failed). Holders pause, crash with `info` (their op may or may not have reached the
 * service; their successor gets a new process), are cut off at the end with ops still open, fail
 * releases, find their lease lapsed at release (released: false), and hold two locks at once; only
 * lock L0 guards the register. A bug, when the plan names one, breaks it at the end of the run.
 */
export interface SimPlan {
  ttl: number;
  /** Free a lock as soon as its holder's last proof of life is past (the earliest a correct
   * service may), rather than a TTL after it. */
  eager: boolean;
  fencing: 'none' | 'write' | 'full';
  /** How tokens are recorded: decimal strings, JSON numbers, decimal strings past 2^63, none. */
  tokens: 'string' | 'number' | 'huge' | 'none';
  steps: SimStep[];
  finalRead: boolean;
  registerLog: boolean;
  /** Bounded lines (DESIGN.md section 5): the register moves to a fresh key every `keyEvery`
   * elements and ops record keys, lengths and versions. Absent: the older shape, one key and whole
   * values in every read and write. */
  keyEvery?: number;
  bug: SimBug;
}

/** One step: `client` acts (what it does follows from `action` and its state) after `gap` time
 * units; its request reaches the service `before` units after its invocation and is answered
 * `after` units later. */
export interface SimStep { client: number; action: number; gap: number; before: number; after: number }

export type SimBug = 'none' | 'grant-while-held' | 'duplicate-token' | 'regressing-token' | 'stale-accept' | 'lost-write';

interface Lease { holder: number | null; counter: number; lastActivity: number }
interface Slot { key: number; value: number[]; version: number }
interface Client { process: number; busyUntil: number; held: Map<string, number>; lastRead: Slot | null; dead: boolean }

const BASES = { string: 0n, number: 0n, huge: 9223372036854775000n, none: 0n };

/** Runs a plan; returns the checker input (with the test's fencing mode). */
export function simulate(plan: SimPlan): CheckInput {
  return new Simulation(plan).run();
}

class Simulation {
  private readonly ops: { op: Omit<Op, 'index'>; order: number }[] = [];
  private readonly log: RegisterEntry[] = [];
  private readonly leases = new Map<string, Lease>();
  private readonly clients = new Map<number, Client>();
  private readonly believes = new Set<string>();
  /** Per process, the invocation time of its last answered op: its last proof of life. */
  private readonly lastProof = new Map<number, number>();
  private readonly slots = new Map<number, Slot>();
  private highestAny: bigint | null = null;
  private highestWrite: bigint | null = null;
  private now = 0;
  private nextProcess = 0;
  private nextElement = 1;

  constructor(private readonly plan: SimPlan) {}

  run(): CheckInput {
    for (const step of this.plan.steps) this.step(step);
    if (this.plan.bug !== 'none') this.breakIt(this.plan.bug);
    if (this.plan.finalRead || this.plan.bug === 'lost-write') {
      // After every answered op: the harness reads the register once its clients have stopped.
      this.now = Math.max(this.now, ...[...this.clients.values()].map((c) => c.busyUntil)) + 1;
      for (const s of this.allSlots()) {
        const key = this.plan.keyEvery ? { key: s.key } : {};
        this.record({ time: this.now, type: 'invoke', process: -1, f: 'final-read', value: key });
        this.record({ time: this.now, type: 'ok', process: -1, f: 'final-read', value: { ...key, value: [...s.value] } });
      }
    }
    for (const s of this.allSlots()) {
      this.logEntry({ op: 'final-read', process: -1, token: null, decision: 'accepted', value: [...s.value], ...this.bounded({ key: s.key, length: s.value.length, version: s.version }) });
    }
    const history = this.ops.sort((a, b) => a.op.time - b.op.time || a.order - b.order).map(({ op }, index) => ({ index, ...op }));
    const fencing = this.plan.bug === 'grant-while-held' ? 'none' : this.plan.fencing;
    return { history, ...(this.plan.registerLog || this.plan.bug === 'stale-accept' ? { register: this.log } : {}), test: { fencing, ttlMs: this.plan.ttl } };
  }

  /** The key new reads go to: a fresh one every keyEvery elements. */
  private slot(key = this.plan.keyEvery ? Math.floor((this.nextElement - 1) / this.plan.keyEvery) : 0): Slot {
    let s = this.slots.get(key);
    if (!s) this.slots.set(key, s = { key, value: [], version: 0 });
    return s;
  }

  private allSlots(): Slot[] {
    return this.slots.size > 0 ? [...this.slots.values()].sort((a, b) => a.key - b.key) : [this.slot(0)];
  }

  /** The fields a bounded line carries, or none in the older shape. */
  private bounded<T extends object>(fields: T): T | Record<string, never> {
    return this.plan.keyEvery ? fields : {};
  }

  /** A write's value fields: the key, element and version it built on, or (older shape) the whole value. */
  private writeFields(read: Slot, element: number): Record<string, unknown> {
    return this.plan.keyEvery ? { key: read.key, element, base: read.version } : { value: [...read.value, element], element };
  }

  private client(n: number): Client {
    let c = this.clients.get(n);
    if (!c) {
      c = { process: this.nextProcess++, busyUntil: 0, held: new Map(), lastRead: null, dead: false };
      this.clients.set(n, c);
    }
    return c;
  }

  private step({ client: n, action, gap, before, after }: SimStep): void {
    const c = this.client(n);
    this.now = Math.max(this.now + gap, c.busyUntil + 1);
    const r = action % 100;
    if (r >= 90) {
      c.busyUntil = this.now + gap * 10 + this.plan.ttl; // a pause: nothing happens, time passes
      return;
    }
    const lock = c.held.size === 0 || r % 2 === 0 ? 'L0' : 'L1';
    const inv = { before, after };
    if (c.dead) return this.zombie(c, r, lock, inv);
    if (r < 85) return this.answered(c, r, lock, inv);
    if (r >= 88) return this.crash(c, r, lock, inv);
    // It answers, then dies at once: its completion may be stamped long after its death.
    this.answered(c, (r - 85) * 20 + 5, lock, inv);
    c.dead = true;
    for (const l of c.held.keys()) this.believes.delete(`${c.process}:${l}`);
  }

  /** The harness sends an op to a client that died: it never answers (info, or open at the end).
   * Its invocation proves nothing, and it has no effect. */
  private zombie(c: Client, r: number, lock: string, t: { before: number; after: number }): void {
    const f = c.held.has(lock) ? (r % 2 === 0 ? 'renew' : 'release') : 'acquire';
    const value = { lock, ...(c.held.has(lock) ? { token: this.tokenField(BigInt(c.held.get(lock) as number)) } : {}) };
    this.record({ time: this.now, type: 'invoke', process: c.process, f, value });
    if (r % 5 !== 0) this.record({ time: this.now + t.after, type: 'info', process: c.process, f, value, error: 'timeout' });
    this.retire(c, this.now + t.after + 1);
  }

  private retire(c: Client, busyUntil: number): void {
    for (const l of c.held.keys()) this.believes.delete(`${c.process}:${l}`);
    c.process = this.nextProcess++;
    c.held = new Map();
    c.lastRead = null;
    c.dead = false;
    c.busyUntil = busyUntil;
  }

  /** What a living client does, answered. */
  private answered(c: Client, r: number, lock: string, t: { before: number; after: number }): void {
    const held = c.held.has(lock);
    if (!held) return void this.acquire(c, lock, t, true);
    if (r < 45 && lock === 'L0') return void (c.lastRead === null ? this.read(c, t, true) : this.write(c, t, true));
    if (r < 60) return void this.renew(c, lock, t);
    if (r < 78) return void this.release(c, lock, t, 'ok');
    this.release(c, lock, t, 'fail');
  }

  /** The client's op ends info (or stays open): it may have reached the service, or not; the
   * client's process is retired and a new one takes its place. */
  private crash(c: Client, r: number, lock: string, t: { before: number; after: number }): void {
    const reached = r % 2 === 0;
    const open = r === 89;
    const held = c.held.has(lock);
    const kind = !held ? 'acquire' : lock === 'L0' && c.lastRead !== null ? 'write' : r % 3 === 0 ? 'release' : 'renew';
    const value = { lock, ...(held ? { token: this.tokenField(BigInt(c.held.get(lock) as number)) } : {}) };
    const invokeTime = Math.max(c.busyUntil, this.now - t.before);
    const element = kind === 'write' ? this.nextElement++ : null;
    const full = element === null ? value : { ...value, ...this.writeFields(c.lastRead as Slot, element) };
    this.record({ time: invokeTime, type: 'invoke', process: c.process, f: kind, value: full });
    if (reached) {
      if (kind === 'acquire') this.grantIfFree(c.process, lock);
      if (kind === 'write') this.applyWrite(c, c.held.get(lock) as number, element as number, 'info');
      if (kind === 'release' && this.lease(lock).holder === c.process) this.lease(lock).holder = null;
      this.touch(c.process);
    }
    if (!open) this.record({ time: this.now + t.after, type: 'info', process: c.process, f: kind, value: full, error: 'timeout' });
    this.retire(c, this.now + t.after + 1);
  }

  private lease(lock: string): Lease {
    let l = this.leases.get(lock);
    if (!l) {
      l = { holder: null, counter: 0, lastActivity: 0 };
      this.leases.set(lock, l);
    }
    return l;
  }

  /** The correct service's rule: free when released, or when its holder no longer believes it
   * holds the lock (it died, or its release failed) and its last proof of life is past (eager) or
   * its lease has lapsed (a TTL after its last request). */
  private free(lock: string): boolean {
    const l = this.lease(lock);
    if (l.holder === null) return true;
    if (this.believes.has(`${l.holder}:${lock}`)) return false;
    return this.plan.eager ? this.now > (this.lastProof.get(l.holder) ?? -1) : this.now > l.lastActivity + this.plan.ttl;
  }

  private grantIfFree(process: number, lock: string, force = false): number | null {
    if (!force && !this.free(lock)) return null;
    const l = this.lease(lock);
    l.holder = process;
    l.counter++;
    l.lastActivity = this.now;
    return l.counter;
  }

  private touch(process: number): void {
    for (const l of this.leases.values()) if (l.holder === process) l.lastActivity = this.now;
  }

  private tokenField(counter: bigint): string | number | null {
    const token = BASES[this.plan.tokens] + counter;
    if (this.plan.tokens === 'none') return null;
    return this.plan.tokens === 'number' ? Number(token) : token.toString();
  }

  private pair(c: Client, f: string, invokeValue: unknown, type: 'ok' | 'fail', value: unknown, t: { before: number; after: number }): void {
    const invoked = Math.max(c.busyUntil, this.now - t.before);
    this.lastProof.set(c.process, invoked);
    this.record({ time: invoked, type: 'invoke', process: c.process, f, value: invokeValue });
    this.record({ time: this.now + t.after, type, process: c.process, f, value, ...(type === 'fail' ? { error: 'refused' } : {}) });
    c.busyUntil = this.now + t.after;
  }

  private acquire(c: Client, lock: string, t: { before: number; after: number }, correct: boolean, token?: number): number | null {
    const granted = token ?? this.grantIfFree(c.process, lock, !correct);
    if (granted === null) {
      this.pair(c, 'acquire', { lock }, 'fail', { lock }, t);
      return null;
    }
    c.held.set(lock, granted);
    this.believes.add(`${c.process}:${lock}`);
    if (lock === 'L0') c.lastRead = null;
    this.pair(c, 'acquire', { lock }, 'ok', { lock, token: this.tokenField(BigInt(granted)) }, t);
    return granted;
  }

  private renew(c: Client, lock: string, t: { before: number; after: number }): void {
    this.touch(c.process);
    const v = { lock, token: this.tokenField(BigInt(c.held.get(lock) as number)) };
    this.pair(c, 'renew', v, 'ok', v, t);
  }

  private release(c: Client, lock: string, t: { before: number; after: number }, type: 'ok' | 'fail'): void {
    const v = { lock, token: this.tokenField(BigInt(c.held.get(lock) as number)) };
    c.held.delete(lock);
    this.believes.delete(`${c.process}:${lock}`);
    if (lock === 'L0') c.lastRead = null;
    const l = this.lease(lock);
    if (type === 'fail') return this.pair(c, 'release', v, 'fail', v, t);
    const released = l.holder === c.process && this.now <= l.lastActivity + this.plan.ttl;
    if (l.holder === c.process) l.holder = null;
    this.pair(c, 'release', v, 'ok', { ...v, released }, t);
  }

  private registerToken(counter: number): bigint | null {
    return this.plan.tokens === 'none' ? null : BASES[this.plan.tokens] + BigInt(counter);
  }

  private read(c: Client, t: { before: number; after: number }, correct: boolean): void {
    const counter = c.held.get('L0') as number;
    const token = this.registerToken(counter);
    const s = this.slot();
    const v = { lock: 'L0', token: this.tokenField(BigInt(counter)), ...this.bounded({ key: s.key }) };
    const stale = correct && this.plan.fencing === 'full' && token !== null && this.highestAny !== null && token < this.highestAny;
    const seen = this.plan.keyEvery ? { length: s.value.length, version: s.version } : { value: [...s.value] };
    this.logEntry({ op: 'read', process: c.process, token: v.token, decision: stale ? 'rejected' : 'accepted', ...this.bounded({ key: s.key }), ...seen });
    this.touch(c.process);
    if (stale) return this.pair(c, 'read', v, 'fail', { ...v, rejected: true }, t);
    this.raise(token, false);
    c.lastRead = { ...s, value: [...s.value] };
    this.pair(c, 'read', v, 'ok', { ...v, ...seen }, t);
  }

  private write(c: Client, t: { before: number; after: number }, correct: boolean): void {
    const element = this.nextElement++;
    const counter = c.held.get('L0') as number;
    const v = { lock: 'L0', token: this.tokenField(BigInt(counter)), ...this.writeFields(c.lastRead as Slot, element) };
    this.touch(c.process);
    const accepted = this.applyWrite(c, counter, element, correct ? 'ok' : 'stale');
    c.lastRead = null;
    this.pair(c, 'write', v, accepted ? 'ok' : 'fail', accepted ? v : { ...v, rejected: true }, t);
  }

  /** The register's decision on a write: `stale` accepts whatever the mode (the stale-accept bug),
   * `lost` acknowledges without applying (the lost-write bug). */
  private applyWrite(c: Client, counter: number, element: number, how: 'ok' | 'info' | 'stale' | 'lost'): boolean {
    const token = this.registerToken(counter);
    const limit = this.plan.fencing === 'full' ? this.highestAny : this.plan.fencing === 'write' ? this.highestWrite : null;
    const accepted = how === 'stale' || how === 'lost' || token === null || limit === null || token >= limit;
    const read = c.lastRead as Slot;
    const s = this.slot(read.key);
    // The register's version counts its accepted writes, the lost-write bug's included (it
    // claims the write and then drops it).
    if (accepted) s.version++;
    if (accepted && how !== 'lost') s.value = [...read.value, element];
    const fields = this.plan.keyEvery ? { key: read.key, element, base: read.version, length: s.value.length, version: s.version } : { value: [...read.value, element], element };
    this.logEntry({ op: 'write', process: c.process, token: this.tokenField(BigInt(counter)), decision: accepted ? 'accepted' : 'rejected', ...fields });
    if (!accepted) return false;
    this.raise(token, true);
    return true;
  }

  private raise(token: bigint | null, write: boolean): void {
    if (token === null) return;
    if (this.highestAny === null || token > this.highestAny) this.highestAny = token;
    if (write && (this.highestWrite === null || token > this.highestWrite)) this.highestWrite = token;
  }

  /** A bug, made to happen at the end of the run on a lock of its own (LB), where nothing the
   * random steps left behind can hide it. */
  private breakIt(bug: SimBug): void {
    const t = { before: 0, after: 1 };
    const x = this.client(1000);
    const y = this.client(1001);
    const next = (): void => { this.now = Math.max(this.now, x.busyUntil, y.busyUntil) + 1; };
    next();
    const lb = this.lease('LB');
    lb.counter = Math.max(lb.counter, ...[...this.leases.values()].map((l) => l.counter)) + 5;
    const first = this.acquire(x, 'LB', t, true) as number;
    next();
    if (bug === 'grant-while-held') {
      this.acquire(y, 'LB', t, false);
      next();
      this.renew(x, 'LB', t);
      this.renew(y, 'LB', t);
      return;
    }
    if (bug === 'duplicate-token' || bug === 'regressing-token') {
      this.release(x, 'LB', t, 'ok');
      next();
      this.acquire(y, 'LB', t, true, bug === 'duplicate-token' ? first : first - 1);
      return;
    }
    x.held.set('L0', first);
    x.lastRead = { ...this.slot(), value: [...this.slot().value] };
    this.write(x, t, true);
    next();
    if (bug === 'lost-write') {
      x.lastRead = { ...this.slot(), value: [...this.slot().value] };
      const element = this.nextElement++;
      const v = { lock: 'L0', token: this.tokenField(BigInt(first)), ...this.writeFields(x.lastRead, element) };
      this.applyWrite(x, first, element, 'lost');
      this.pair(x, 'write', v, 'ok', v, t);
      return;
    }
    y.held.set('L0', first - 1);
    y.lastRead = { ...this.slot(), value: [...this.slot().value] };
    this.write(y, t, false);
  }

  private record(op: Omit<Op, 'index'>): void {
    this.ops.push({ op, order: this.ops.length });
  }

  private logEntry(e: Omit<RegisterEntry, 'seq' | 'time' | 'highest'>): void {
    this.log.push({ ...e, seq: this.log.length, time: this.now, highest: null });
  }
}
