import fs from 'node:fs';
import path from 'node:path';
import type { RunReport, Verdict } from './run-suite.js';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});
const count = (v: unknown): number | undefined => (Array.isArray(v) ? v.length : typeof v === 'number' ? v : undefined);

/** A finished run's verdict and figures, from its results.json; `error` when there is none. */
export function readRunReport(opts: { folder: string | null; seconds: number; failure?: string }): RunReport {
  const file = opts.folder ? path.join(opts.folder, 'results.json') : null;
  if (!file || !fs.existsSync(file)) {
    return { verdict: 'error', folder: opts.folder, summary: opts.failure ?? 'the run left no results.json', figures: {}, seconds: opts.seconds };
  }
  const results = JSON.parse(fs.readFileSync(file, 'utf8')) as Json;
  const checkers = obj(results.checkers);
  const exclusion = obj(checkers.exclusion);
  const lost = obj(checkers['lost-updates']);
  const figures: Record<string, number | string> = {};
  const put = (name: string, v: number | undefined): void => {
    if (v !== undefined) figures[name] = v;
  };
  put('ops', count(results.ops));
  put('critical sections', count(exclusion.sections));
  put('double holders', count(exclusion.incidents));
  put('acknowledged', count(lost.acknowledged));
  put('lost', count(lost.lost));
  const verdict: Verdict = results.valid === true ? 'valid' : results.valid === false ? 'invalid' : 'unknown';
  return { verdict, folder: opts.folder, summary: typeof results.summary === 'string' ? results.summary : '', figures, seconds: opts.seconds };
}
