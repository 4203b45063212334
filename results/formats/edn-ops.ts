import type { HistoryEvent } from '../../checkers/linearizable/pair-events.js';
import { EdnError, Keyword, readEdnAll } from './edn.js';
import { FormatError } from './format-error.js';

/** An op map read from EDN, with the line it starts on. */
export interface EdnOp {
  map: Record<string, unknown>;
  line: number;
}

/**
 * Reads op maps: one per line (Jepsen's history.edn, Porcupine's kv files), or, when a line is
 * not a whole form, the whole text as a sequence of maps or one vector of maps.
 */
export function readEdnOps(text: string, format: string): EdnOp[] {
  const out: EdnOp[] = [];
  const lines = text.split('\n');
  let firstBad: { line: number; err: Error } | undefined;
  for (let i = 0; i < lines.length && firstBad === undefined; i++) {
    const raw = lines[i] as string;
    if (raw.trim() === '') continue;
    try {
      const forms = readEdnAll(raw);
      for (const f of forms) out.push({ map: asOpMap(f, i + 1, format), line: i + 1 });
    } catch (err) {
      if (err instanceof FormatError) throw err;
      firstBad = { line: i + 1, err: err as Error };
    }
  }
  if (firstBad === undefined) return out;
  let forms: unknown[];
  try {
    forms = readEdnAll(text);
  } catch (err) {
    const why = err instanceof EdnError ? err.message : String(err);
    throw new FormatError(format, firstBad.line, `not EDN (${why})`, { cause: err });
  }
  const items = forms.length === 1 && Array.isArray(forms[0]) ? (forms[0] as unknown[]) : forms;
  return items.map((f, i) => ({ map: asOpMap(f, i + 1, format), line: i + 1 }));
}

function asOpMap(form: unknown, line: number, format: string): Record<string, unknown> {
  if (form === null || typeof form !== 'object' || Array.isArray(form) || form instanceof Map) {
    throw new FormatError(format, line, 'expected an op map such as {:process 0, :type :invoke, :f :read, :value nil}');
  }
  return form as Record<string, unknown>;
}

/** The name of a keyword (or a string) field, or undefined. */
export function nameOf(v: unknown): string | undefined {
  if (v instanceof Keyword) return v.name;
  return typeof v === 'string' ? v : undefined;
}

const TYPES = new Set(['invoke', 'ok', 'fail', 'info']);

/** The event of an op map; undefined for ops of a non-integer process (the nemesis). */
export function eventOf(op: EdnOp, at: number, format: string): HistoryEvent | undefined {
  const { map, line } = op;
  if (typeof map.process !== 'number' || !Number.isInteger(map.process)) return undefined;
  const type = nameOf(map.type);
  if (type === undefined || !TYPES.has(type)) throw new FormatError(format, line, 'expected :type :invoke, :ok, :fail or :info');
  const f = nameOf(map.f);
  if (f === undefined) throw new FormatError(format, line, 'expected an :f keyword');
  const ev: HistoryEvent = { process: map.process, type: type as HistoryEvent['type'], f, value: map.value ?? null, at, line };
  if (map.key !== undefined) ev.key = typeof map.key === 'string' ? map.key : JSON.stringify(map.key);
  return ev;
}
