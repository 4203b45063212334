import type { Op, OpType, RegisterEntry } from '../checkers/history.js';
import { MalformedHistoryError, pairedHistory } from '../checkers/open-ops.js';
import { isTokenField } from '../checkers/token.js';
import { fileByteLines, stringByteLines, type ByteLineSource } from './file-lines.js';
import { plainJsonParser } from './plain-json.js';

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

/** Whether the text holds 16 digits in a row: one pass, where a regex retries at every digit. */
function hasLongNumber(source: string): boolean {
  let run = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    run = c >= 48 && c <= 57 ? run + 1 : 0;
    if (run >= 16) return true;
  }
  return false;
}

function keepTokenDigits(source: string): string {
  return hasLongNumber(source) ? source.replace(LONG_TOKEN, '"$1"$2:$3"$4"') : source;
}

/** A line that is not plain JSON (plain-json.ts), parsed the general way. */
function parseLine(text: string): unknown {
  return JSON.parse(keepTokenDigits(text));
}

/** Each non-empty line parsed as a JSON object, given to `use` with its line number. A last line
 * without its newline that does not parse is a write torn by a killed harness: the prefix before it
 * is still a history, so it is dropped. The plain lines the harness writes are parsed from their
 * bytes; any other goes through JSON.parse, so strictness and messages are JSON.parse's. */
function eachJsonLine(source: ByteLineSource, file: string, use: (line: Line) => void): void {
  const plain = plainJsonParser();
  // One Line for the whole file, as the source has one ByteLine: nothing is made per line.
  const current: Line = { number: 0, record: {} };
  source((line) => {
    if (line.start === line.end) return true;
    let parsed = plain(line.bytes, line.start, line.end);
    if (parsed === undefined) {
      const text = line.bytes.toString('utf8', line.start, line.end).trim();
      if (text.length === 0) return true;
      try {
        parsed = parseLine(text);
      } catch (err) {
        if (line.unterminated) return false;
        throw new HistoryFileError(file, line.number, `not a JSON line (${(err as Error).message})`, { cause: err });
      }
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new HistoryFileError(file, line.number, 'not a JSON object');
    current.number = line.number;
    current.record = parsed as Record<string, unknown>;
    use(current);
    return true;
  });
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
  return parseHistoryLines(stringByteLines(text), opts.file ?? 'history.jsonl');
}

/** history.jsonl read line by line from its file (fencecheck check, the harness's own check). */
export function readHistoryFile(file: string): Op[] {
  return parseHistoryLines(fileByteLines(file), file);
}

function parseHistoryLines(source: ByteLineSource, file: string): Op[] {
  const ops: Op[] = [];
  // Line numbers only where they differ from position + 1 (blank lines), for error messages.
  const numbers: number[] = [];
  eachJsonLine(source, file, (line) => {
    if (!isPlainOp(line.record)) checkOpFields(line, file);
    if (line.number !== ops.length + 1 || numbers.length > 0) numbers[ops.length] = line.number;
    ops.push(line.record as unknown as Op);
  });
  try {
    // Cached for the checkers, which pair the same array again (checkers/open-ops.ts).
    pairedHistory(ops);
  } catch (err) {
    if (!(err instanceof MalformedHistoryError)) throw err;
    throw new HistoryFileError(file, numbers[err.position] ?? err.position + 1, err.message, { cause: err });
  }
  return ops;
}

/** The common case of checkOpFields in one test, without making closures for every line. */
function isPlainOp(r: Record<string, unknown>): boolean {
  const { index, time, type, process, f } = r;
  return Number.isInteger(index) && typeof time === 'number' && Number.isFinite(time)
    && (type === 'invoke' || type === 'ok' || type === 'fail' || type === 'info')
    && (Number.isInteger(process) || process === 'nemesis') && typeof f === 'string';
}

/** Throws for the first required field of an op that is missing or of the wrong type. */
function checkOpFields(line: Line, file: string): void {
  need(line, file, 'index', isInteger, 'an integer');
  need(line, file, 'time', isNumber, 'a number of ns');
  need(line, file, 'type', (v) => OP_TYPES.includes(v as OpType), OP_TYPES.join(' | '));
  need(line, file, 'process', (v) => isInteger(v) || v === 'nemesis', 'an integer or "nemesis"');
  need(line, file, 'f', (v) => typeof v === 'string', 'a string');
}

const REGISTER_OPS = ['read', 'write', 'final-read'];

/** Parses register.jsonl into entries, in file order. */
export function parseRegisterJsonl(text: string, opts: ParseOptions = {}): RegisterEntry[] {
  return parseRegisterLines(stringByteLines(text), opts.file ?? 'register.jsonl');
}

/** register.jsonl read line by line from its file. */
export function readRegisterFile(file: string): RegisterEntry[] {
  return parseRegisterLines(fileByteLines(file), file);
}

const isRegisterOp = (v: unknown): boolean => REGISTER_OPS.includes(v as string);
const isDecision = (v: unknown): boolean => v === 'accepted' || v === 'rejected';
const isElementList = (v: unknown): boolean => Array.isArray(v) && v.every(Number.isSafeInteger);
const REGISTER_INTEGERS = ['element', 'key', 'length', 'version', 'base'];

function parseRegisterLines(source: ByteLineSource, file: string): RegisterEntry[] {
  const entries: RegisterEntry[] = [];
  eachJsonLine(source, file, (line) => {
    need(line, file, 'seq', isInteger, 'an integer');
    need(line, file, 'time', isNumber, 'a number of ns');
    need(line, file, 'op', isRegisterOp, REGISTER_OPS.join(' | '));
    need(line, file, 'process', isInteger, 'an integer');
    need(line, file, 'token', isTokenField, 'a decimal string, an integer, an opaque string or null');
    if (line.record.highest !== undefined) need(line, file, 'highest', isTokenField, 'a token or null');
    need(line, file, 'decision', isDecision, 'accepted | rejected');
    // Whole values: only a final read since bounded lines; reads and writes too in older logs.
    if (line.record.op === 'final-read' || line.record.value !== undefined) need(line, file, 'value', isElementList, 'an array of integer elements');
    for (const field of REGISTER_INTEGERS) {
      if (line.record[field] !== undefined) need(line, file, field, Number.isSafeInteger, 'an integer');
    }
    // The parsed line is the entry (no copy of every line): only the default is filled in.
    line.record.highest ??= null;
    entries.push(line.record as unknown as RegisterEntry);
  });
  return entries;
}
