import type { RegisterEntry } from '../checkers/history.js';
import { isTokenField } from '../checkers/token.js';
import { fileByteLines, stringByteLines, type ByteLineSource } from './file-lines.js';
import { eachJsonLine, isInteger, isNumber, need, type Line, type ParseOptions } from './json-lines.js';

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
    if (!isPlainEntry(line.record)) checkEntryFields(line, file);
    // The parsed line is the entry (no copy of every line): only the default is filled in.
    line.record.highest ??= null;
    entries.push(line.record as unknown as RegisterEntry);
  });
  return entries;
}

const isIntegerOrAbsent = (v: unknown): boolean => v === undefined || Number.isSafeInteger(v);

/** checkEntryFields of a read or write without a whole value, the common case, in one test with
 * named reads: no closure and no lookup by a computed name, a million times. */
function isPlainEntry(r: Record<string, unknown>): boolean {
  const { seq, time, op, process, token, highest, decision } = r;
  return Number.isInteger(seq) && typeof time === 'number' && Number.isFinite(time) && (op === 'read' || op === 'write')
    && Number.isInteger(process) && token !== undefined && isTokenField(token) && isTokenField(highest) && (decision === 'accepted' || decision === 'rejected')
    && r.value === undefined && isIntegerOrAbsent(r.element) && isIntegerOrAbsent(r.key) && isIntegerOrAbsent(r.length)
    && isIntegerOrAbsent(r.version) && isIntegerOrAbsent(r.base);
}

/** Throws for the first field of an entry that is missing or of the wrong type. */
function checkEntryFields(line: Line, file: string): void {
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
}
