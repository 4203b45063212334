import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { CheckInput, CheckResult, RegisterEntry, Verdict } from '../checkers/history.js';
import { hasClientLockOp } from '../checkers/lock-values.js';
import type { OpTable } from '../checkers/op-table.js';
import { checkLockHistory } from '../checkers/lock-checkers.js';
import { lockMutexChecker } from '../checkers/lock-mutex.js';
import { readHistoryFile } from './history-file.js';
import { readRegisterFile } from './register-jsonl.js';
import type { RunFolder } from './run-folder.js';
import { readTestJson } from './test-json.js';

/** What results.json holds: the overall verdict and every checker's result. */
export interface RunResults {
  valid: Verdict;
  summary: string;
  checkers: Record<string, CheckResult>;
  /** Ops in the history, and whether it was cut short (a harness that died mid-run). */
  ops: number;
  complete: boolean;
}

/** The mutex-model search is exponential at worst; past this it says unknown, never true. */
const MUTEX_TIME_LIMIT_MS = 60_000;

/** A run folder's results and the history they were judged on (for the report, which then
 * neither reads nor pairs it again). */
export interface CheckedRun { results: RunResults; history: OpTable }

/** Reads a run folder and runs every lock checker; writes nothing. Throws an Error whose one-line
 * message names the file (and line) for input that cannot be checked. */
export function checkRunFolder(folder: RunFolder): RunResults {
  return checkFolder(folder).results;
}

function checkFolder(folder: RunFolder): CheckedRun {
  let register: RegisterEntry[] | undefined;
  // The register log is read while a worker reads the second part of a big history.
  const alongside = fs.existsSync(folder.register) ? { bytes: fs.statSync(folder.register).size, read: () => { register = readRegisterFile(folder.register); } } : undefined;
  const history = readHistoryFile(folder.history, alongside ? { alongside } : {});
  const input: CheckInput = { history, ...(register ? { register } : {}), test: readTestJson(folder.test) };
  const mutex = lockMutexChecker({ now: () => performance.now(), timeLimitMs: MUTEX_TIME_LIMIT_MS });
  const checked = checkLockHistory(input, { extra: [mutex] });
  const complete = hasFinalRead(history);
  if (!hasClientLockOp(history)) {
    // A lock run in which no client acquired, read, wrote or released proves nothing: unknown.
    const summary = 'no client operation in the history (no acquire, read, write or release): a lock run that did nothing proves nothing';
    return { history, results: { valid: checked.valid === false ? false : 'unknown', summary, checkers: checked.checkers, ops: history.length, complete } };
  }
  return { history, results: { valid: checked.valid, summary: checked.summary, checkers: checked.checkers, ops: history.length, complete } };
}

/** Whether the harness's final read completed: the run was not cut short. */
function hasFinalRead(t: OpTable): boolean {
  for (let i = 0; i < t.length; i++) if (t.f(i) === 'final-read' && t.type(i) === 'ok') return true;
  return false;
}

/** Writes results.json (or any file) with the results. */
export function writeResults(results: RunResults, file: string): void {
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}

/** Checks a run folder and writes results.json beside the history (the harness, at a run's end). */
export function checkRunInput(folder: RunFolder): CheckedRun {
  const checked = checkFolder(folder);
  writeResults(checked.results, folder.results);
  return checked;
}
