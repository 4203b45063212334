import type { Op, OpType } from '../checkers/history.js';
import { OpTable } from '../checkers/op-table.js';
import { MalformedHistoryError, pairedHistory } from '../checkers/open-ops.js';
import { stringByteLines, type ByteLineSource } from './file-lines.js';
import { eachJsonLine, HistoryFileError, isInteger, isNumber, need, type Line, type ParseOptions } from './json-lines.js';
import { OpLineParser } from './op-line-parser.js';

const OP_TYPES: readonly OpType[] = ['invoke', 'ok', 'fail', 'info'];

/** Parses history.jsonl into ops and checks the op contract with the one pairing (pairOps: one op
 * in flight per process, no reuse of a retired process, times that never go back, the lock
 * workload's field types, unique elements), so a malformed history fails here with its file and
 * line, not in a checker. The one reader of history.jsonl: the run folder and `--format
 * fencecheck` both come here. */
export function parseHistoryJsonl(text: string, opts: ParseOptions = {}): OpTable {
  const file = opts.file ?? 'history.jsonl';
  return pairOpLines(readOpLines(stringByteLines(text), file, tableFor(text.length)), file);
}

/** Ops read from lines, not yet paired. `numbers`: the line number of a position, where it is not
 * position + 1 (after a blank line); `lines`: the lines read, blank ones included. */
export interface OpLines { ops: OpTable; numbers: number[]; lines: number }

/** The shortest line an op can have: {"index":0,"time":0,"type":"ok","process":0,"f":""} and its
 * newline. A history of n bytes has at most n / 53 ops, so room for that many is made at once and
 * never outgrown; room never written to is never touched: address space, not memory. */
const SHORTEST_OP_LINE = 53;

/** The most ops `bytes` bytes of history can hold. */
export function mostOps(bytes: number): number {
  return Math.ceil(bytes / SHORTEST_OP_LINE) + 1;
}

/** A table with room for every op `bytes` bytes of history can hold. */
export function tableFor(bytes: number): OpTable {
  return new OpTable(mostOps(bytes));
}

/** The ops of history lines, each checked on its own, added to `ops`: the first part of
 * parseHistoryJsonl, which a reader of a file in parts runs on each part. */
export function readOpLines(source: ByteLineSource, file: string, ops: OpTable): OpLines {
  const numbers: number[] = [];
  let lines = 0;
  const numbered = (number: number): void => {
    if (number !== ops.length + 1 || numbers.length > 0) numbers[ops.length] = number;
  };
  eachJsonLine(source, file, (line) => {
    if (!isPlainOp(line.record)) checkOpFields(line, file);
    numbered(line.number);
    ops.append(line.record as unknown as Op);
  }, (json) => {
    const columns = new OpLineParser(ops, json);
    return (bytes, start, end, number) => {
      numbered(number);
      return columns.parse(bytes, start, end);
    };
  }, (number) => {
    lines = number;
  });
  return { ops, numbers, lines };
}

/** Pairs the ops (checkers/open-ops.ts, cached for the checkers) and gives them back; a history
 * that breaks the op contract throws with the line at fault. */
export function pairOpLines({ ops, numbers }: OpLines, file: string): OpTable {
  try {
    // Cached for the checkers, which pair the same table again (checkers/open-ops.ts).
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
