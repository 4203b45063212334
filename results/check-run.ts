import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { CheckInput, CheckResult, Verdict } from '../checkers/history.js';
import { checkLockHistory } from '../checkers/lock-checkers.js';
import { lockMutexChecker } from '../checkers/lock-mutex.js';
import { parseHistoryJsonl, parseRegisterJsonl } from './history-jsonl.js';
import type { RunFolder } from './run-folder.js';

/** What results.json holds: the overall verdict and every checker's result. */
export interface RunResults {
  valid: Verdict;
  summary: string;
  checkers: Record<string, CheckResult>;
  /** Ops in the history, and whether it was cut short (a harness that died mid-run). */
  ops: number;
  complete: boolean;
}

function readTest(folder: RunFolder): CheckInput['test'] {
  if (!fs.existsSync(folder.test)) return undefined;
  const test = JSON.parse(fs.readFileSync(folder.test, 'utf8')) as Record<string, unknown>;
  return {
    ...test,
    fencing: test.fencing as 'none' | 'write' | 'full' | undefined,
    exclusionDecides: typeof test.exclusionDecides === 'boolean' ? test.exclusionDecides : undefined,
  };
}

/** The mutex-model search is exponential at worst; past this it says unknown, never true. */
const MUTEX_TIME_LIMIT_MS = 60_000;

/** Reads a run folder, runs every lock checker and writes results.json beside the history. */
export function checkRunInput(folder: RunFolder): RunResults {
  const history = parseHistoryJsonl(fs.readFileSync(folder.history, 'utf8'), { file: folder.history });
  const register = fs.existsSync(folder.register)
    ? parseRegisterJsonl(fs.readFileSync(folder.register, 'utf8'), { file: folder.register })
    : undefined;
  const input: CheckInput = { history, ...(register ? { register } : {}), test: readTest(folder) };
  const mutex = lockMutexChecker({ now: () => performance.now(), timeLimitMs: MUTEX_TIME_LIMIT_MS });
  const checked = checkLockHistory(input, { extra: [mutex] });
  const complete = history.some((op) => op.f === 'final-read' && op.type === 'ok');
  const results: RunResults = { valid: checked.valid, summary: checked.summary, checkers: checked.checkers, ops: history.length, complete };
  fs.writeFileSync(folder.results, `${JSON.stringify(results, null, 2)}\n`);
  return results;
}
