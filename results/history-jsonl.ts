import type { Op, OpType, RegisterEntry } from '../checkers/history.js';
import { MalformedHistoryError, pairOps } from '../checkers/open-ops.js';
import { isTokenField } from '../checkers/token.js';

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

/** A token written as a JSON number with more digits than a double holds keeps them: it is turned
 * into a decimal string before JSON.parse would round it (checkers/token.ts compares both as big
 * integers). Only the token fields are touched, and only numbers of 16 digits or more. */
const LONG_TOKEN = /(?<!\\)"(token|highest)"(\s*):(\s*)(-?\d{16,})(?=\s*[,}])/g;

function keepTokenDigits(source: string): string {
  return /\d{16}/.test(source) ? source.replace(LONG_TOKEN, '"$1"$2:$3"$4"') : source;
}

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
      parsed = JSON.parse(keepTokenDigits(source));
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

/** Parses history.jsonl into ops and checks the op contract with the one pairing (pairOps: one op
 * in flight per process, no reuse of a retired process, times that never go back, the lock
 * workload's field types, unique elements), so a malformed history fails here with its file and
 * line, not in a checker. The one reader of history.jsonl: the run folder and `--format
 * fencecheck` both come here. */
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
    need(line, file, 'token', isTokenField, 'a decimal string, an integer, an opaque string or null');
    if (line.record.highest !== undefined) need(line, file, 'highest', isTokenField, 'a token or null');
    need(line, file, 'decision', (v) => v === 'accepted' || v === 'rejected', 'accepted | rejected');
    // Whole values: only a final read since bounded lines; reads and writes too in older logs.
    if (line.record.op === 'final-read' || line.record.value !== undefined) {
      need(line, file, 'value', (v) => Array.isArray(v) && v.every(Number.isSafeInteger), 'an array of integer elements');
    }
    for (const field of ['element', 'key', 'length', 'version', 'base']) {
      if (line.record[field] !== undefined) need(line, file, field, Number.isSafeInteger, 'an integer');
    }
    return { highest: null, ...line.record } as unknown as RegisterEntry;
  });
}
