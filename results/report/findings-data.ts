import type { History, Op } from '../../checkers/history.js';
import { tableOf } from '../../checkers/op-table.js';
import { ms, tokenText, verdictWord, type CheckerView, type IncidentView, type LostView, type SectionColumns } from './report-data.js';

// results.json is read field by field and defensively: it may come from an older or newer
// fencecheck, and a report must still render what it can.

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const num = (v: unknown, fallback = 0): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

export function checkerViews(results: Json): CheckerView[] {
  return Object.entries(obj(results.checkers)).map(([name, r]) => {
    const result = obj(r);
    return { name, verdict: verdictWord(result.valid), decides: result.decides !== false, summary: typeof result.summary === 'string' ? result.summary : '' };
  });
}

function nemesisLabel(op: Op | undefined): string | null {
  if (!op) return null;
  const v = obj(op.value);
  const targets = arr(v.targets).map(String).join(', ');
  return `${typeof v.fault === 'string' ? v.fault : 'fault'} ${op.f}${targets ? ` on ${targets}` : ''} at ${(op.time / 1e9).toFixed(2)} s`;
}

interface Places { sectionOf: Map<number, number>; laneOf: Map<number, number>; sections: SectionColumns }

/** Double-holder incidents of the exclusion checker, placed on the timeline; marks their sections. */
export function incidentViews(results: Json, history: History, places: Places): IncidentView[] {
  const t = tableOf(history);
  const nemesisOps = new Map<number, Op>();
  for (let i = 0; i < t.length; i++) if (t.isNemesis(i)) nemesisOps.set(t.index(i), t.op(i));
  return arr(obj(obj(results.checkers).exclusion).incidents).map((raw) => {
    const incident = obj(raw);
    const holders = arr(incident.holders).map(obj);
    const processes = arr(incident.processes).map((p) => num(p, -1));
    const sectionAt = (i: number): number => places.sectionOf.get(num(holders[i]?.acquireIndex, -1)) ?? -1;
    const sections: [number, number] = [sectionAt(0), sectionAt(1)];
    for (const s of sections) if (s >= 0) places.sections.double[s] = 1;
    const tokens = arr(incident.tokens);
    return {
      lock: typeof incident.lock === 'string' ? incident.lock : '',
      processes: [processes[0] ?? -1, processes[1] ?? -1],
      // The history's own token first: it keeps a decimal-string token the checker may not carry.
      tokens: [places.sections.token[sections[0]] ?? tokenText(tokens[0]), places.sections.token[sections[1]] ?? tokenText(tokens[1])],
      start: ms(num(incident.start)), end: ms(num(incident.end)), overlapMs: Math.round(num(incident.overlapMs) * 1000) / 1000,
      sections, lanes: [places.laneOf.get(processes[0] ?? -1) ?? -1, places.laneOf.get(processes[1] ?? -1) ?? -1],
      nemesis: arr(incident.nemesis).map((i) => nemesisLabel(nemesisOps.get(num(i, -1)))).filter((l): l is string => l !== null),
    };
  });
}

/** Acknowledged elements missing from the final value, each with the write that overwrote it. */
export function lostViews(results: Json, laneOf: Map<number, number>): LostView[] {
  return arr(obj(obj(results.checkers)['lost-updates']).lost).map((raw) => {
    const lost = obj(raw);
    const by = obj(lost.overwrittenBy);
    const process = num(lost.process, -1);
    return {
      element: num(lost.element, -1), key: typeof lost.key === 'number' ? lost.key : null, process, token: tokenText(lost.token), lane: laneOf.get(process) ?? -1, time: num(lost.timeMs),
      overwrittenBy: lost.overwrittenBy ? { process: num(by.process, -1), token: tokenText(by.token), lane: laneOf.get(num(by.process, -1)) ?? -1, time: num(by.timeMs) } : null,
    };
  });
}

const COUNTEREXAMPLE_CHARS = 40_000;

/** The first counterexample any checker gives (the mutex or linearizability search), as text. */
export function counterexampleText(results: Json): string | null {
  for (const [name, r] of Object.entries(obj(results.checkers))) {
    const example = obj(r).counterexample;
    if (example === undefined || example === null) continue;
    const text = `${name}: ${JSON.stringify(example, null, 2)}`;
    return text.length > COUNTEREXAMPLE_CHARS ? `${text.slice(0, COUNTEREXAMPLE_CHARS)}\n… (the whole counterexample is in results.json)` : text;
  }
  return null;
}

const NOT_PARAMETERS = new Set(['argv', 'faults', 'images', 'backendDescription', 'token']);

function paramText(v: unknown): string {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v) ?? '';
}

/** The test's parameters as they were recorded in test.json, images last. */
export function paramsOf(test: Json): [string, string][] {
  const params: [string, string][] = Object.entries(test).filter(([k, v]) => !NOT_PARAMETERS.has(k) && v !== undefined && v !== null).map(([k, v]) => [k, paramText(v)]);
  for (const [name, image] of Object.entries(obj(test.images))) params.push([`image ${name}`, paramText(obj(image).tag ?? image)]);
  for (const key of ['backendDescription', 'token']) if (typeof test[key] === 'string') params.push([key, test[key]]);
  return params;
}

const shellWord = (w: string): string => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replaceAll("'", "'\\''")}'`);

/** The command that repeats the run: its recorded command line, with the seed it drew made explicit. */
export function commandOf(test: Json): string | null {
  const argv = arr(test.argv).map(String);
  if (argv.length === 0) return null;
  if (!argv.includes('--seed') && !argv.some((a) => a.startsWith('--seed=')) && typeof test.seed === 'number') argv.push('--seed', String(test.seed));
  return `fencecheck ${argv.map(shellWord).join(' ')}`;
}
