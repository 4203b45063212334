import type { Op } from './history.js';
import { lockFieldProblem } from './lock-fields.js';

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

/** One client operation: its invocation and its completion. `type` is `info` both for an op that
 * completed `info` and for one left open because the history was cut short (`open`). */
export interface OpPair {
  process: number;
  f: string;
  invoke: Op;
  completion: Op | null;
  type: 'ok' | 'fail' | 'info';
  open: boolean;
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

function describe(op: Op): string {
  return `${op.type} of process ${String(op.process)} (${op.f}) at index ${op.index}`;
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
export function pairOps(history: readonly Op[]): PairedHistory {
  const pairs: OpPair[] = [];
  const byProcess = new Map<number, OpPair[]>();
  // One entry a process: a single lookup per op.
  const processes = new Map<number, ProcessState>();
  const nemesis: Op[] = [];
  const elements = new Map<number, number>();
  let inFlightCount = 0;
  let prevIndex = -Infinity;
  for (let position = 0; position < history.length; position++) {
    const op = history[position]!;
    const problem = opProblem(op, prevIndex, elements);
    if (problem !== null) throw new MalformedHistoryError(problem, position);
    prevIndex = op.index;
    if (op.process === 'nemesis') {
      if (op.type !== 'invoke') nemesis.push(op);
      continue;
    }
    const process = op.process;
    let state = processes.get(process);
    if (state === undefined) {
      state = { last: null, inFlight: null, retired: null, pairs: [] };
      processes.set(process, state);
      // A process's first op is an invoke (else it throws below), so every list gets a pair.
      byProcess.set(process, state.pairs);
    }
    const wrong = sequenceProblem(op, state);
    if (wrong !== null) throw new MalformedHistoryError(wrong, position);
    state.last = op;
    if (op.type === 'invoke') {
      const pair: OpPair = { process, f: op.f, invoke: op, completion: null, type: 'info', open: true };
      state.inFlight = pair;
      inFlightCount++;
      pairs.push(pair);
      state.pairs.push(pair);
      continue;
    }
    const pair = state.inFlight!;
    pair.completion = op;
    pair.type = op.type;
    pair.open = false;
    state.inFlight = null;
    inFlightCount--;
    if (op.type === 'info') state.retired = op;
  }
  const first = history[0];
  const last = history[history.length - 1];
  return { pairs, byProcess, nemesis, start: first?.time ?? 0, end: last?.time ?? 0, openCount: inFlightCount };
}

interface ProcessState { last: Op | null; inFlight: OpPair | null; retired: Op | null; pairs: OpPair[] }

/** What is wrong with an op on its own (its index, its fields), or null. */
function opProblem(op: Op, prevIndex: number, elements: Map<number, number>): string | null {
  if (op.index <= prevIndex) return `op index ${op.index} follows index ${prevIndex}: indices must strictly increase`;
  const problem = lockFieldProblem(op, elements);
  return problem === null ? null : `${describe(op)}: ${problem}`;
}

/** What is wrong with a client op given its process's history so far, or null. */
function sequenceProblem(op: Op, state: ProcessState): string | null {
  const process = op.process;
  const { retired, last: previous, inFlight: pending } = state;
  if (retired) return `${describe(op)}: process ${process} was retired when its ${retired.f} ended info at index ${retired.index}, and must not appear again`;
  if (previous && op.time < previous.time && op.type !== 'invoke' && previous.type === 'invoke') {
    return `${describe(op)} completes at ${op.time} ns, before its invocation at ${previous.time} ns`;
  }
  if (previous && op.time < previous.time) {
    return `${describe(op)} is at ${op.time} ns, before its process's ${previous.type} of ${previous.f} at ${previous.time} ns (index ${previous.index}): a process's times never go back`;
  }
  if (op.type === 'invoke') {
    return pending ? `${describe(op)}: process ${process} already has ${pending.f} in flight since index ${pending.invoke.index}` : null;
  }
  if (!pending) return `${describe(op)} has no invocation in flight (a duplicate completion, or a missing invoke)`;
  return pending.f === op.f ? null : `${describe(op)} completes ${pending.f}, invoked at index ${pending.invoke.index}`;
}

const cache = new WeakMap<readonly Op[], PairedHistory>();

/** pairOps, computed once per history array: every lock checker needs it. Callers must not mutate
 * the history array after the first call. */
export function pairedHistory(history: readonly Op[]): PairedHistory {
  let paired = cache.get(history);
  if (!paired) {
    paired = pairOps(history);
    cache.set(history, paired);
  }
  return paired;
}
