/**
 * What report.html shows, prepared from a run folder's files alone (history.jsonl, test.json,
 * results.json) so that it reads every backend and fault, including those added later: it relies
 * only on the generic op shape (process, f, type, value.token) and nemesis ops
 * {process: "nemesis", f: "start" | "stop", value: {fault, targets}}. Times are milliseconds since
 * the test start; large arrays are columnar to keep the page small at 100,000 ops and more.
 */

export type VerdictWord = 'valid' | 'invalid' | 'unknown';

/** Critical sections as columns: entry i of each array is section i. */
export interface SectionColumns {
  lane: number[];
  start: number[];
  end: number[];
  /** The token as text (tokens may be 64-bit decimal strings), or null for a tokenless recipe. */
  token: (string | null)[];
  /** 0: the process may have believed longer than `end` (an info tail); 1: it released at `end`. */
  endKnown: number[];
  /** 1 when the section is part of a double-holder incident. */
  double: number[];
}

export interface NemesisBand { fault: string; targets: string[]; start: number; end: number; healed: boolean }

export interface TimelineData {
  span: { start: number; end: number };
  lanes: { process: number; label: string }[];
  sections: SectionColumns;
  /** Acquires of unknown outcome: the process may hold the lock from `start` on. */
  possible: { lane: number[]; start: number[] };
  nemesis: NemesisBand[];
  finalRead: { time: number; size: number | null } | null;
}

export interface SeriesData {
  /** Start of each bucket, in seconds since the test start. */
  x: number[];
  bucketSeconds: number;
  throughput: { name: string; values: number[] }[];
  latency: { name: string; values: (number | null)[] }[];
}

export interface IncidentView {
  lock: string;
  processes: [number, number];
  tokens: [string | null, string | null];
  start: number;
  end: number;
  overlapMs: number;
  /** Section indices of the two holders (-1 when the section is not in the history). */
  sections: [number, number];
  lanes: [number, number];
  nemesis: string[];
}

export interface LostView {
  element: number;
  /** The register key it was written to (null in results written before keys). */
  key: number | null;
  process: number;
  token: string | null;
  lane: number;
  time: number;
  overwrittenBy: { process: number; token: string | null; lane: number; time: number } | null;
}

export interface CheckerView { name: string; verdict: VerdictWord; decides: boolean; summary: string }

export interface ReportData {
  title: string;
  verdict: VerdictWord;
  summary: string;
  complete: boolean;
  ops: number;
  checkers: CheckerView[];
  params: [string, string][];
  command: string | null;
  incidents: IncidentView[];
  lost: LostView[];
  counterexample: string | null;
  /** Why parts are missing (no results.json, a history that cannot be read). */
  notes: string[];
  timeline: TimelineData;
  series: SeriesData;
}

export function verdictWord(v: unknown): VerdictWord {
  return v === true ? 'valid' : v === false ? 'invalid' : 'unknown';
}

/** A token as text: a JSON number or a decimal string, anything else is no token. */
export function tokenText(v: unknown): string | null {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'string' && v.length > 0) return v;
  return null;
}

/** ns to ms, rounded to the microsecond: enough for a timeline, and a shorter page. */
export const ms = (ns: number): number => Math.round(ns / 1e3) / 1e3;
