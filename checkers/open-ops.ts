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
  const inFlight = new Map<number, OpPair>();
  const retiredAt = new Map<number, Op>();
  const nemesis: Op[] = [];
  const lastTime = new Map<number, Op>();
  const elements = new Map<number, number>();
  let prevIndex = -Infinity;
  history.forEach((op, position) => {
    const fail = (message: string): never => {
      throw new MalformedHistoryError(message, position);
    };
    if (op.index <= prevIndex) fail(`op index ${op.index} follows index ${prevIndex}: indices must strictly increase`);
    prevIndex = op.index;
    const problem = lockFieldProblem(op, elements);
    if (problem !== null) fail(`${describe(op)}: ${problem}`);
    if (op.process === 'nemesis') {
      if (op.type !== 'invoke') nemesis.push(op);
      return;
    }
    const process = op.process;
    const retired = retiredAt.get(process);
    if (retired) fail(`${describe(op)}: process ${process} was retired when its ${retired.f} ended info at index ${retired.index}, and must not appear again`);
    const previous = lastTime.get(process);
    if (previous && op.time < previous.time && op.type !== 'invoke' && previous.type === 'invoke') {
      fail(`${describe(op)} completes at ${op.time} ns, before its invocation at ${previous.time} ns`);
    }
    if (previous && op.time < previous.time) {
      fail(`${describe(op)} is at ${op.time} ns, before its process's ${previous.type} of ${previous.f} at ${previous.time} ns (index ${previous.index}): a process's times never go back`);
    }
    lastTime.set(process, op);
    const pending = inFlight.get(process);
    if (op.type === 'invoke') {
      if (pending) fail(`${describe(op)}: process ${process} already has ${pending.f} in flight since index ${pending.invoke.index}`);
      const pair: OpPair = { process, f: op.f, invoke: op, completion: null, type: 'info', open: true };
      inFlight.set(process, pair);
      pairs.push(pair);
      const own = byProcess.get(process);
      if (own) own.push(pair);
      else byProcess.set(process, [pair]);
      return;
    }
    if (!pending) fail(`${describe(op)} has no invocation in flight (a duplicate completion, or a missing invoke)`);
    const pair = pending as OpPair;
    if (pair.f !== op.f) fail(`${describe(op)} completes ${pair.f}, invoked at index ${pair.invoke.index}`);
    pair.completion = op;
    pair.type = op.type;
    pair.open = false;
    inFlight.delete(process);
    if (op.type === 'info') retiredAt.set(process, op);
  });
  const first = history[0];
  const last = history[history.length - 1];
  return { pairs, byProcess, nemesis, start: first?.time ?? 0, end: last?.time ?? 0, openCount: inFlight.size };
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
