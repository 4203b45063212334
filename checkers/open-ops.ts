import type { History, Op } from './history.js';
import { lockFieldProblemAt } from './lock-fields.js';
import { tableOf, type OpTable } from './op-table.js';

/** A history that breaks the op contract (DESIGN.md section 2): no checker can judge it. */
export class MalformedHistoryError extends Error {
  /** Position in the history array of the op at fault, so a reader can name its file line. */
  readonly position: number;

  constructor(message: string, position: number, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MalformedHistoryError';
    this.position = position;
  }
}

/** One client operation: its invocation and its completion, as positions in the history's table
 * (op-table.ts). `type` is `info` both for an op that completed `info` and for one left open
 * because the history was cut short (`open`). `invoke` and `completion` make the ops as objects:
 * for reports and counterexamples; a checker going over every pair reads the table. */
export class OpPair {
  /** -1 while open. */
  completionAt = -1;
  type: 'ok' | 'fail' | 'info' = 'info';

  // Four fields and the rest read from the table: a million pairs stay some 60 MB.
  constructor(readonly history: OpTable, readonly invokeAt: number) {}

  get process(): number {
    return this.history.process(this.invokeAt) as number;
  }

  get f(): string {
    return this.history.f(this.invokeAt);
  }

  get open(): boolean {
    return this.completionAt < 0;
  }

  get invoke(): Op {
    return this.history.op(this.invokeAt);
  }

  get completion(): Op | null {
    return this.completionAt < 0 ? null : this.history.op(this.completionAt);
  }

  get invokeTime(): number {
    return this.history.time(this.invokeAt);
  }

  /** Null while open. */
  get completionTime(): number | null {
    return this.completionAt < 0 ? null : this.history.time(this.completionAt);
  }

  get invokeIndex(): number {
    return this.history.index(this.invokeAt);
  }

  /** Null while open. */
  get completionIndex(): number | null {
    return this.completionAt < 0 ? null : this.history.index(this.completionAt);
  }
}

/** A validated history split into client operations (in invocation order) and nemesis events. */
export interface PairedHistory {
  pairs: OpPair[];
  /** Each client process's operations in order. */
  byProcess: Map<number, OpPair[]>;
  /** Nemesis ops (process "nemesis", any type but invoke), in history order. */
  nemesis: Op[];
  /** Time of the first and the last op (0 and 0 for an empty history). */
  start: number;
  end: number;
  /** Invocations with no completion: the history was cut short. */
  openCount: number;
}

function describe(t: OpTable, i: number): string {
  return `${t.type(i)} of process ${String(t.process(i))} (${t.f(i)}) at index ${t.index(i)}`;
}

/**
 * Pairs every invocation with its completion and checks the contract: indices strictly increase,
 * a process has at most one operation in flight, every completion has an invoke of the same f,
 * a process's times never go back (a completion no earlier than its invocation, an invocation no
 * earlier than the process's previous op), a process retired by `info` never appears again, and
 * the lock workload's fields have their types (lock-fields.ts). This is the one pairing: every
 * reader and checker goes through it.
 * Invocations left without a completion become `info`: they may have happened, or not.
 * Throws MalformedHistoryError naming the op at fault.
 */
export function pairOps(history: History): PairedHistory {
  const t = tableOf(history);
  const pairs: OpPair[] = [];
  const byProcess = new Map<number, OpPair[]>();
  // One entry a process: a single lookup per op.
  const processes = new Map<number, ProcessState>();
  const nemesis: Op[] = [];
  const elements = new Map<number, number>();
  let inFlightCount = 0;
  let prevIndex = -Infinity;
  for (let i = 0; i < t.length; i++) {
    const index = t.index(i);
    if (index <= prevIndex) throw new MalformedHistoryError(`op index ${index} follows index ${prevIndex}: indices must strictly increase`, i);
    const problem = lockFieldProblemAt(t, i, elements);
    if (problem !== null) throw new MalformedHistoryError(`${describe(t, i)}: ${problem}`, i);
    prevIndex = index;
    const type = t.type(i);
    if (t.isNemesis(i)) {
      if (type !== 'invoke') nemesis.push(t.op(i));
      continue;
    }
    const process = t.process(i) as number;
    let state = processes.get(process);
    if (state === undefined) {
      state = { last: -1, inFlight: null, retired: -1, pairs: [] };
      processes.set(process, state);
      // A process's first op is an invoke (else it throws below), so every list gets a pair.
      byProcess.set(process, state.pairs);
    }
    const wrong = sequenceProblem(t, i, state);
    if (wrong !== null) throw new MalformedHistoryError(wrong, i);
    state.last = i;
    if (type === 'invoke') {
      const pair = new OpPair(t, i);
      state.inFlight = pair;
      inFlightCount++;
      pairs.push(pair);
      state.pairs.push(pair);
      continue;
    }
    const pair = state.inFlight!;
    pair.completionAt = i;
    pair.type = type;
    state.inFlight = null;
    inFlightCount--;
    if (type === 'info') state.retired = i;
  }
  const n = t.length;
  return { pairs, byProcess, nemesis, start: n > 0 ? t.time(0) : 0, end: n > 0 ? t.time(n - 1) : 0, openCount: inFlightCount };
}

/** A process's ops so far: positions in the table, -1 for none. */
interface ProcessState { last: number; inFlight: OpPair | null; retired: number; pairs: OpPair[] }

/** What is wrong with a client op given its process's history so far, or null. */
function sequenceProblem(t: OpTable, i: number, state: ProcessState): string | null {
  const process = t.process(i);
  const { retired, last: previous, inFlight: pending } = state;
  const type = t.type(i);
  const time = t.time(i);
  if (retired >= 0) return `${describe(t, i)}: process ${process} was retired when its ${t.f(retired)} ended info at index ${t.index(retired)}, and must not appear again`;
  if (previous >= 0 && time < t.time(previous) && type !== 'invoke' && t.type(previous) === 'invoke') {
    return `${describe(t, i)} completes at ${time} ns, before its invocation at ${t.time(previous)} ns`;
  }
  if (previous >= 0 && time < t.time(previous)) {
    return `${describe(t, i)} is at ${time} ns, before its process's ${t.type(previous)} of ${t.f(previous)} at ${t.time(previous)} ns (index ${t.index(previous)}): a process's times never go back`;
  }
  if (type === 'invoke') {
    return pending ? `${describe(t, i)}: process ${process} already has ${pending.f} in flight since index ${pending.invokeIndex}` : null;
  }
  if (!pending) return `${describe(t, i)} has no invocation in flight (a duplicate completion, or a missing invoke)`;
  return pending.f === t.f(i) ? null : `${describe(t, i)} completes ${pending.f}, invoked at index ${pending.invokeIndex}`;
}

const cache = new WeakMap<History, PairedHistory>();

/** pairOps, computed once per history array: every lock checker needs it. Callers must not mutate
 * the history array after the first call. */
export function pairedHistory(history: History): PairedHistory {
  let paired = cache.get(history);
  if (!paired) {
    paired = pairOps(history);
    cache.set(history, paired);
  }
  return paired;
}
