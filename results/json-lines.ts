import { PlainJsonParser } from './plain-json.js';
import type { ByteLineSource } from './file-lines.js';

/** A line of a history or register file that cannot be used; the message names file and line. */
export class HistoryFileError extends Error {
  constructor(readonly file: string, readonly line: number, readonly reason: string, options?: { cause?: unknown }) {
    super(`${file}:${line}: ${reason}`, options);
    this.name = 'HistoryFileError';
  }
}

export interface ParseOptions {
  /** Named in error messages. */
  file?: string;
}

export interface Line { number: number; record: Record<string, unknown> }

/** A reader of lines of one known shape, tried before the general parse of each line: it takes a
 * line (true) or leaves it, untouched, to the general way (false). Made with the general parser,
 * whose shared strings it may use. */
export type Fast = (json: PlainJsonParser) => (bytes: Buffer, start: number, end: number, number: number) => boolean;

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
export function eachJsonLine(source: ByteLineSource, file: string, use: (line: Line) => void, fast?: Fast, seen?: (number: number) => void): void {
  const json = new PlainJsonParser();
  // One Line for the whole file, as the source has one ByteLine: nothing is made per line.
  const current: Line = { number: 0, record: {} };
  const taken = fast?.(json);
  source((line) => {
    seen?.(line.number);
    if (line.start === line.end) return true;
    if (taken !== undefined && taken(line.bytes, line.start, line.end, line.number)) return true;
    let parsed = json.parse(line.bytes, line.start, line.end);
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

export function need(line: Line, file: string, field: string, ok: (v: unknown) => boolean, what: string): void {
  const value = line.record[field];
  if (value === undefined) throw new HistoryFileError(file, line.number, `missing required field "${field}" (${what})`);
  if (!ok(value)) throw new HistoryFileError(file, line.number, `field "${field}" must be ${what}, got ${JSON.stringify(value)}`);
}

export const isNumber = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);
export const isInteger = (v: unknown): boolean => Number.isInteger(v);
