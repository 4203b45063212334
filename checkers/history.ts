import type { OpTable } from './op-table.js';

/**
 * The history format shared by the harness, the run folder and every checker (DESIGN.md section 5).
 * One op per line of history.jsonl. Every operation is an `invoke` followed by exactly one
 * completion of the same process: `ok` (it happened), `fail` (it certainly did not happen) or
 * `info` (unknown: it may have happened at any time after its invocation, or never).
 */

export type OpType = 'invoke' | 'ok' | 'fail' | 'info';

/** A client process id, or the nemesis. A client whose op ended `info` never appears again. */
export type ProcessId = number | 'nemesis';

export interface Op {
  /** Position in the history, 0-based, strictly increasing. */
  index: number;
  /** Nanoseconds since the test start on the monotonic clock. Invocations are stamped no later
   * than the operation starts, completions no earlier than it ends. */
  time: number;
  type: OpType;
  process: ProcessId;
  f: string;
  value?: unknown;
  /** The lock node or client container the op went through, when known. */
  node?: string;
  /** Why an op failed or is unknown. */
  error?: string;
}

/** A fencing token as recorded: a decimal string (what the harness writes, full 64-bit precision),
 * a JSON number (older histories; above 2^53 it lost digits when the line was parsed), an opaque
 * string, or null (the recipe has none). Checkers read it with checkers/token.ts. */
export type TokenField = string | number | null;

/** Lock-workload operations (DESIGN.md section 6). Every line is bounded (section 5): the register
 * holds many keys, and only a final read carries a whole value. Values by f and type:
 * - acquire  invoke {lock}            ok {lock, token: string | number | null}   (null: the recipe has no token)
 * - read     invoke {lock, token, key}  ok {lock, token, key, length, version} fail {…, rejected: true}
 * - write    invoke {lock, token, key, element, base}  ok / fail (rejected by the register); base is
 *            the version of the key the write built on (what its read returned)
 * - release  invoke {lock, token}     ok {lock, token, released: boolean} (false: the lock was no longer ours)
 * - final-read invoke {key}           ok {key, value: number[]}   (the harness reads every key at the end)
 * Histories written before bounded lines have no key (the one key 0), whole values in reads
 * (`value`) and writes (`value`, the value written), and one final read {value}. The reader and the
 * checkers accept both shapes.
 */
export type LockF = 'acquire' | 'read' | 'write' | 'release' | 'final-read';

export interface AcquireValue { lock: string; token?: string | number | null }
export interface ReadValue { lock?: string; token?: string | number | null; key?: number; length?: number; version?: number; value?: number[]; rejected?: boolean }
export interface WriteValue { lock?: string; token?: string | number | null; key?: number; element: number; base?: number; value?: number[]; rejected?: boolean }
export interface ReleaseValue { lock: string; token?: string | number | null; released?: boolean }
export interface FinalReadValue { key?: number; value?: number[] }

/** Nemesis ops: process "nemesis", type "info", f "start" | "stop" (or a fault-specific name),
 * value {fault, targets, ...}. A start and its matching stop bracket a fault window. */
export interface NemesisValue { fault: string; targets?: string[]; [k: string]: unknown }

/** One line of register.jsonl: the fenced register's own account of a request (ground truth). */
export interface RegisterEntry {
  /** 0-based sequence number in the register log. */
  seq: number;
  /** Nanoseconds since the test start, the same clock as the history. */
  time: number;
  op: 'read' | 'write' | 'final-read';
  /** Process id the request claimed to come from. */
  process: number;
  token: TokenField;
  decision: 'accepted' | 'rejected';
  /** The register key (absent in logs written before keys: the one key 0). */
  key?: number;
  /** The key's length and version after the request (a read: what it returned). A version counts
   * the key's accepted writes. */
  length?: number;
  version?: number;
  /** For a write: the version it built on. */
  base?: number;
  /** A final read: the key's whole value. In logs written before bounded lines also reads (the
   * value returned) and writes (the value written or proposed). */
  value?: number[];
  element?: number;
  /** The highest token the register had seen before this request (for the fencing checker). */
  highest: TokenField;
  reason?: string;
}

export type Verdict = true | false | 'unknown';

/** Combines verdicts: false outranks unknown, unknown outranks true. */
export function combineVerdicts(verdicts: Iterable<Verdict>): Verdict {
  let out: Verdict = true;
  for (const v of verdicts) {
    if (v === false) return false;
    if (v === 'unknown') out = 'unknown';
  }
  return out;
}

/** What every checker returns. `valid` is the verdict; the rest is the checker's own detail. */
export interface CheckResult {
  valid: Verdict;
  /** One sentence a person can read: why this verdict. */
  summary: string;
  [detail: string]: unknown;
}

/** A history as the checkers take it: the reader's columns (op-table.ts), or ops as objects (tests,
 * other formats, the in-memory harness), which the checkers turn into columns once. */
export type History = OpTable | readonly Op[];

/** What a checker gets: the history, the register log when there is one, and the test's options. */
export interface CheckInput {
  history: History;
  register?: readonly RegisterEntry[];
  test?: {
    fencing?: 'none' | 'write' | 'full';
    ttlMs?: number;
    /** Whether a double holder decides the verdict; by default only without fencing. */
    exclusionDecides?: boolean;
    [k: string]: unknown;
  };
}

/** A checker: a pure function of its input. One that throws yields `unknown`, never `true`. */
export interface Checker {
  name: string;
  check(input: CheckInput): CheckResult;
  /** Whether its verdict counts for this input (default: always). Asked when `check` throws, so a
   * checker that would not decide cannot turn the verdict unknown by failing. */
  decides?(input: CheckInput): boolean;
}
