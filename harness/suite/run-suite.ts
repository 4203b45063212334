import type { Expectation, SuiteRun } from './suite-file.js';

export type Verdict = 'valid' | 'invalid' | 'unknown' | 'error';

/**
 * How a run compares with its expectation. `not-reproduced` (expected invalid, came out valid) is a
 * failure of a different kind from a `regression` (expected valid, came out invalid): the fault did
 * not bite this time, which says nothing against the lock; a regression is a violation found.
 */
export type Outcome = 'met' | 'regression' | 'not-reproduced' | 'unknown' | 'error';

export function outcomeOf(expect: Expectation, verdict: Verdict): Outcome {
  if (verdict === 'error') return 'error';
  if (verdict === 'unknown') return 'unknown';
  if (verdict === expect) return 'met';
  return expect === 'valid' ? 'regression' : 'not-reproduced';
}

/** What one run left: its verdict and the figures that say why, read from its run folder. */
export interface RunReport {
  verdict: Verdict;
  /** The run folder, when the run got that far. */
  folder: string | null;
  summary: string;
  figures: Record<string, number | string>;
  seconds: number;
}

export interface SuiteResult { run: SuiteRun; report: RunReport; outcome: Outcome; position: number }

export interface RunSuiteOptions {
  runs: readonly SuiteRun[];
  /** Runs one test and reads its folder; must not throw for a failed test (verdict `error`). */
  runOne(run: SuiteRun): Promise<RunReport>;
  onProgress(line: string): void;
  /** Stop starting runs (Ctrl-C); runs not started are left out of the results. */
  signal?: AbortSignal;
}

function figuresText(figures: Record<string, number | string>): string {
  return Object.entries(figures).map(([k, v]) => `${k} ${v}`).join(', ');
}

/** Runs the suite's tests one at a time, in order, and compares each verdict with its expectation. */
export async function runSuite(opts: RunSuiteOptions): Promise<SuiteResult[]> {
  const results: SuiteResult[] = [];
  const total = opts.runs.length;
  for (const [i, run] of opts.runs.entries()) {
    if (opts.signal?.aborted) break;
    const tag = `[${i + 1}/${total}] ${run.id}`;
    opts.onProgress(`${tag}: expect ${run.expect}`);
    const report = await opts.runOne(run);
    const outcome = outcomeOf(run.expect, report.verdict);
    results.push({ run, report, outcome, position: i });
    const figures = figuresText(report.figures);
    opts.onProgress(`${tag}: ${report.verdict}, ${outcome === 'met' ? 'as expected' : outcome}${figures ? ` (${figures})` : ''} in ${report.seconds.toFixed(0)} s`);
  }
  return results;
}
