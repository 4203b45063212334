import type { Op, OpType, RegisterEntry } from '../checkers/history.js';
import { MalformedHistoryError, pairOps } from '../checkers/open-ops.js';

/** A line of a history or register file that cannot be used; the message names file and line. */
export class HistoryFileError extends Error {
  constructor(readonly file: string, readonly line: number, reason: string, options?: { cause?: unknown }) {
    super(`${file}:${line}: ${reason}`, options);
    this.name = 'HistoryFileError';
  }
}

export interface ParseOptions {
  /** Named in error messages. */
  file?: string;
}

const OP_TYPES: readonly OpType[] = ['invoke', 'ok', 'fail', 'info'];

interface Line { number: number; record: Record<string, unknown> }

/** Non-empty lines parsed as JSON objects. A last line without its newline that does not parse is
 * a write torn by a killed harness: the prefix before it is still a history, so it is dropped. */
function jsonLines(text: string, file: string): Line[] {
  const raw = text.split('\n');
  const lines: Line[] = [];
  for (let i = 0; i < raw.length; i++) {
    const source = (raw[i] as string).trim();
    if (source.length === 0) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(source);
    } catch (err) {
      if (i === raw.length - 1) break;
      throw new HistoryFileError(file, i + 1, `not a JSON line (${(err as Error).message})`, { cause: err });
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new HistoryFileError(file, i + 1, 'not a JSON object');
    lines.push({ number: i + 1, record: parsed as Record<string, unknown> });
  }
  return lines;
}

function need(line: Line, file: string, field: string, ok: (v: unknown) => boolean, what: string): void {
  const value = line.record[field];
  if (value === undefined) throw new HistoryFileError(file, line.number, `missing required field "${field}" (${what})`);
  if (!ok(value)) throw new HistoryFileError(file, line.number, `field "${field}" must be ${what}, got ${JSON.stringify(value)}`);
}

const isNumber = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);
const isInteger = (v: unknown): boolean => Number.isInteger(v);

/** Parses history.jsonl into ops and checks the op contract (pairing, one op in flight per process,
 * no reuse of a retired process), so a malformed history fails here with its line, not in a checker. */
export function parseHistoryJsonl(text: string, opts: ParseOptions = {}): Op[] {
  const file = opts.file ?? 'history.jsonl';
  const lines = jsonLines(text, file);
  for (const line of lines) {
    need(line, file, 'index', isInteger, 'an integer');
    need(line, file, 'time', isNumber, 'a number of ns');
    need(line, file, 'type', (v) => OP_TYPES.includes(v as OpType), OP_TYPES.join(' | '));
    need(line, file, 'process', (v) => isInteger(v) || v === 'nemesis', 'an integer or "nemesis"');
    need(line, file, 'f', (v) => typeof v === 'string', 'a string');
  }
  const ops = lines.map((l) => l.record as unknown as Op);
  try {
    pairOps(ops);
  } catch (err) {
    if (!(err instanceof MalformedHistoryError)) throw err;
    throw new HistoryFileError(file, lines[err.position]?.number ?? 0, err.message, { cause: err });
  }
  return ops;
}

const REGISTER_OPS = ['read', 'write', 'final-read'];

/** Parses register.jsonl into entries, in file order. */
export function parseRegisterJsonl(text: string, opts: ParseOptions = {}): RegisterEntry[] {
  const file = opts.file ?? 'register.jsonl';
  const lines = jsonLines(text, file);
  return lines.map((line) => {
    need(line, file, 'seq', isInteger, 'an integer');
    need(line, file, 'time', isNumber, 'a number of ns');
    need(line, file, 'op', (v) => REGISTER_OPS.includes(v as string), REGISTER_OPS.join(' | '));
    need(line, file, 'process', isInteger, 'an integer');
    need(line, file, 'token', (v) => v === null || isNumber(v) || typeof v === 'string', 'a decimal string, a number or null');
    need(line, file, 'decision', (v) => v === 'accepted' || v === 'rejected', 'accepted | rejected');
    need(line, file, 'value', (v) => Array.isArray(v) && v.every(isNumber), 'an array of numbers');
    if (line.record.element !== undefined) need(line, file, 'element', isNumber, 'a number');
    return { highest: null, ...line.record } as unknown as RegisterEntry;
  });
}
