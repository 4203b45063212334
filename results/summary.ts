import fs from 'node:fs';
import path from 'node:path';
import type { AvailabilityAroundFaults } from '../checkers/fault-availability.js';
import type { RunResults } from './check-run.js';
import type { RunFolder } from './run-folder.js';

const VERDICT_WORDS = { true: 'VALID', false: 'INVALID', unknown: 'UNKNOWN' } as const;

type Token = string | null;

interface Holder { process: number; token: Token; acquireIndex: number; startMs: number; endMs: number; ending: string }
interface Incident { holders: [Holder, Holder]; nemesis: number[] }
interface Lost { element: number; process: number; token: Token; overwrittenBy?: { process: number; token: Token } | null }

/** What test.json says about the recipe's token: null when the recipe has none. */
export interface TokenNote { recipe?: string; token?: string | null; recipeDescription?: string }

// A lock without tokens (Redlock) must never look as if it had one: no "token null" anywhere.
const withToken = (token: Token | undefined, before: string): string => (token === null || token === undefined ? '' : `${before}token ${token}`);

const SHOWN = 5;

/** Incidents grouped by the holder that held first: one long (paused) section usually overlaps
 * several successors, and a person wants to see that one story, not N pairs. */
function incidentLines(incidents: readonly Incident[]): string[] {
  const groups = new Map<string, { first: Holder; later: Holder[]; nemesis: Set<number> }>();
  for (const incident of incidents) {
    const [first, later] = [...incident.holders].sort((a, b) => a.startMs - b.startMs) as [Holder, Holder];
    const key = `${first.process}:${first.acquireIndex}`;
    const group = groups.get(key) ?? { first, later: [], nemesis: new Set<number>() };
    group.later.push(later);
    for (const index of incident.nemesis) group.nemesis.add(index);
    groups.set(key, group);
  }
  const lines = [...groups.values()].slice(0, SHOWN).map(({ first, later, nemesis }) => {
    const until = first.ending === 'retired' || first.ending === 'cut-off' ? `at least ${first.endMs.toFixed(0)} ms` : `${first.endMs.toFixed(0)} ms`;
    const tokensBy = new Map<number, Token[]>();
    for (const h of later) tokensBy.set(h.process, [...(tokensBy.get(h.process) ?? []), ...(h.token === null ? [] : [h.token])]);
    const others = [...tokensBy].map(([p, tokens]) => (tokens.length === 0 ? `process ${p}` : `process ${p} (token${tokens.length > 1 ? 's' : ''} ${tokens.join(', ')})`)).join(', ');
    const faults = nemesis.size > 0 ? `; nemesis ops ${[...nemesis].map((i) => `#${i}`).join(', ')}` : '';
    return `    double holder: process ${first.process}${first.token === null ? '' : ` (token ${first.token})`} held the lock from ${first.startMs.toFixed(0)} to ${until} while ${others} also held it${faults}`;
  });
  if (groups.size > SHOWN) lines.push(`    … ${groups.size - SHOWN} more in results.json`);
  return lines;
}

function lostLine(lost: readonly Lost[]): string {
  const shown = lost.slice(0, 10).map((l) => {
    const by = l.overwrittenBy ? `, overwritten by process ${l.overwrittenBy.process}${l.overwrittenBy.token === null ? '' : ` (token ${l.overwrittenBy.token})`}` : '';
    return `element ${l.element} (process ${l.process}${withToken(l.token, ', ')}${by})`;
  });
  return `    lost updates: ${shown.join('; ')}${lost.length > 10 ? ` … ${lost.length - 10} more in results.json` : ''}`;
}

const sec = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

/** How long the lock was unavailable around each fault (the stats checker's aroundFaults). */
function availabilityLines(around: AvailabilityAroundFaults | undefined): string[] {
  if (!around || around.faults.length === 0) return [];
  const lines = around.faults.slice(0, SHOWN).map((f) => {
    const what = `${f.fault}${f.targets.length > 0 ? ` ${f.targets.join(',')}` : ''} at ${sec(f.startMs)}`;
    const l = f.longest;
    const atMost = f.atMostMs > (l?.durationMs ?? 0) ? `, at most ${sec(f.atMostMs)} (ops of unknown outcome)` : '';
    const gap = l === null ? (atMost === '' ? 'never unavailable' : `never certainly unavailable${atMost}`) : `unavailable ${sec(l.durationMs)} (${sec(l.startMs)} to ${sec(l.endMs)}, ended by ${l.endedBy})${atMost}`;
    return `    around ${what}: ${gap}, first grant ${f.firstGrantMs === null ? 'never' : `after ${sec(f.firstGrantMs)}`}`;
  });
  if (around.faults.length > SHOWN) lines.push(`    … ${around.faults.length - SHOWN} more faults in results.json`);
  return lines;
}

/** The short terminal summary of a checked run: verdict, incidents, lost updates, files. */
export function formatSummary(opts: { folder: RunFolder; results: RunResults; test?: TokenNote }): string {
  const { results, folder } = opts;
  const test = opts.test ?? readTokenNote(folder);
  const deciding = Object.entries(results.checkers).filter(([, r]) => r.decides !== false && r.valid === results.valid).map(([name]) => name);
  const why = results.valid === true ? `every deciding checker passed: ${deciding.join(', ')}` : `decided by ${deciding.join(', ') || results.summary}`;
  const lines = [`verdict: ${VERDICT_WORDS[String(results.valid) as keyof typeof VERDICT_WORDS]}  (${why})`];
  if (!results.complete) lines.push('  the history was cut short: open operations count as unknown (info)');
  for (const [name, result] of Object.entries(results.checkers)) {
    const role = result.decides === false && !result.summary.includes('not deciding') ? ' (not deciding)' : '';
    lines.push(`  ${name.padEnd(14)} ${String(result.valid).padEnd(8)} ${result.summary}${role}`);
  }
  if (test?.token === null && test.recipeDescription) lines.push(`  no fencing token (recipe ${test.recipe ?? '?'}): ${test.recipeDescription}`);
  lines.push(...incidentLines((results.checkers.exclusion?.incidents as Incident[] | undefined) ?? []));
  const lost = (results.checkers['lost-updates']?.lost as Lost[] | undefined) ?? [];
  if (lost.length > 0) lines.push(lostLine(lost));
  lines.push(...availabilityLines(results.checkers.stats?.aroundFaults as AvailabilityAroundFaults | undefined));
  lines.push(`files: ${path.join(folder.dir, '{test.json,history.jsonl,register.jsonl,results.json,nodes/}')}`);
  return lines.join('\n');
}

function readTokenNote(folder: RunFolder): TokenNote | undefined {
  try {
    return fs.existsSync(folder.test) ? JSON.parse(fs.readFileSync(folder.test, 'utf8')) as TokenNote : undefined;
  } catch {
    return undefined;
  }
}
