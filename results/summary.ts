import path from 'node:path';
import type { RunResults } from './check-run.js';
import type { RunFolder } from './run-folder.js';

const VERDICT_WORDS = { true: 'VALID', false: 'INVALID', unknown: 'UNKNOWN' } as const;

interface Incident { processes?: unknown[]; tokens?: unknown[]; overlapMs?: number }
interface Lost { element?: number; process?: number; token?: number | null }

/** The short terminal summary of a checked run: verdict, incidents, lost updates, files. */
export function formatSummary(opts: { folder: RunFolder; results: RunResults }): string {
  const { results, folder } = opts;
  const deciding = Object.entries(results.checkers).filter(([, r]) => r.decides !== false && r.valid === results.valid).map(([name]) => name);
  const why = results.valid === true ? `every deciding checker passed: ${deciding.join(', ')}` : `decided by ${deciding.join(', ') || results.summary}`;
  const lines = [`verdict: ${VERDICT_WORDS[String(results.valid) as keyof typeof VERDICT_WORDS]}  (${why})`];
  if (!results.complete) lines.push('  the history was cut short: open operations count as unknown (info)');
  for (const [name, result] of Object.entries(results.checkers)) {
    const role = result.decides === false && !result.summary.includes('not deciding') ? ' (not deciding)' : '';
    lines.push(`  ${name.padEnd(14)} ${String(result.valid).padEnd(8)} ${result.summary}${role}`);
  }
  const incidents = (results.checkers.exclusion?.incidents as Incident[] | undefined) ?? [];
  for (const incident of incidents.slice(0, 5)) {
    lines.push(`    double holder: processes ${JSON.stringify(incident.processes)} tokens ${JSON.stringify(incident.tokens)} for ${incident.overlapMs?.toFixed(1)} ms`);
  }
  if (incidents.length > 5) lines.push(`    … ${incidents.length - 5} more in results.json`);
  const lost = (results.checkers['lost-updates']?.lost as Lost[] | undefined) ?? [];
  if (lost.length > 0) {
    lines.push(`    lost updates: ${lost.slice(0, 10).map((l) => `element ${l.element} (process ${l.process}, token ${l.token})`).join(', ')}${lost.length > 10 ? ` … ${lost.length - 10} more` : ''}`);
  }
  lines.push(`files: ${path.join(folder.dir, '{test.json,history.jsonl,register.jsonl,results.json,nodes/}')}`);
  return lines.join('\n');
}
