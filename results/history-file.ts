import fs from 'node:fs';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { OpTable, sharedColumns, type TableMeta } from '../checkers/op-table.js';
import { fileByteLines } from './file-lines.js';
import { mostOps, pairOpLines, readOpLines, tableFor, type OpLines } from './history-jsonl.js';
import { HistoryFileError } from './json-lines.js';

/** What the worker gets: its part of the file, the shared columns, where to answer, and what to
 * signal when it has. Its lines go after as many lines as the first part has (it counts them). */
export interface PartRequest { file: string; start: number; end: number; buffers: SharedArrayBuffer[]; capacity: number; port: MessagePort; signal: Int32Array }

/** The worker's part: its lines (in the shared columns from line `from`), not yet adopted. */
export interface OpLinesPart { meta: TableMeta; from: number; numbers: number[]; lines: number }

/** What the worker answers: its part, a line that cannot be read, or how it failed otherwise. */
export type PartResult = OpLinesPart | { outgrown: true } | { line: number; reason: string } | { failure: string };

/** Below this a second thread costs more than it saves (its start is some 50 ms). */
const SPLIT_BYTES = 32 * 1024 * 1024;
/** A part the worker has not read in this long (a generous 1 s per MB on top of a minute) is read
 * here instead: a thread that never answers must not hang a check. */
const patienceMs = (bytes: number): number => 60_000 + bytes / 1000;
export interface ReadHistoryOptions {
  /** Files of at least this many bytes are read in two parts, the second on another thread. */
  splitBytes?: number;
  /** Other reading for this thread (the register log), done while the worker reads its part; its
   * size in bytes moves the split so that both threads finish together. Its error is thrown
   * after the history's own, so a broken history is reported first, as on one thread. */
  alongside?: { bytes: number; read: () => void };
  /** Told where the second part starts when the file is read in two parts. */
  onSplit?: (at: number) => void;
}

/**
 * history.jsonl read line by line from its file (fencecheck check, the harness's own check), then
 * paired. A big file is read in two parts at once, on two cores, into one set of columns in shared
 * memory: this thread reads the first part from line 0, a worker counts the first part's lines
 * and reads the second part from there; the second part's lines are then moved down over the gap
 * that blank lines leave (none, mostly) and numbered after the first's. No line is copied from one
 * table to another: a million lines of columns (72 MB) are made once. The result, errors
 * included, is the same as a read on one thread (history-file.test.ts holds both to it). The
 * worker runs the compiled reader: from sources (the unit tests), or when it is missing, the file
 * is read here.
 */
export function readHistoryFile(file: string, opts: ReadHistoryOptions = {}): OpTable {
  const size = fs.statSync(file).size;
  const alongside = opts.alongside ?? { bytes: 0, read: () => {} };
  // This thread's share of the history: half of all there is to read, less the other reading.
  const share = Math.floor((size + alongside.bytes) / 2) - alongside.bytes;
  const split = size < (opts.splitBytes ?? SPLIT_BYTES) || !fs.existsSync(WORKER) ? null : share <= 0 ? 0 : lineStartAfter(file, share, size);
  if (split === null) return readOnOneThread(file, size, alongside.read);
  opts.onSplit?.(split);
  // Room for every op the file can hold: the shared columns are never outgrown.
  const capacity = mostOps(size);
  const buffers = sharedColumns(capacity);
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const request: PartRequest = { file, start: split, end: size, buffers, capacity, port: port2, signal };
  const worker = new Worker(WORKER, { workerData: request, transferList: [port2] });
  // An error after the wait is over has nobody to tell: the result was already taken or replaced.
  worker.on('error', () => {});
  try {
    const first = readOpLines(fileByteLines(file, { start: 0, end: split }), file, new OpTable(capacity, { buffers, from: 0 }));
    const other = attempt(alongside.read);
    const result = Atomics.wait(signal, 0, 0, patienceMs(size - split)) === 'timed-out' ? undefined : receiveMessageOnPort(port1)?.message as PartResult | undefined;
    // A worker that did not answer may still be writing into the columns: the file is read anew.
    const lines = result === undefined ? null : joined(first, fromWorker(result, file, first.lines), buffers);
    const history = lines === null ? readOnOneThread(file, size, () => {}) : pairOpLines(lines, file);
    if (other !== null) throw other.error;
    return history;
  } finally {
    port1.close();
    void worker.terminate();
  }
}

function readOnOneThread(file: string, size: number, alongside: () => void): OpTable {
  const history = pairOpLines(readOpLines(fileByteLines(file), file, tableFor(size)), file);
  alongside();
  return history;
}

/** Runs `read`; what it threw, or null. */
function attempt(read: () => void): { error: unknown } | null {
  try {
    read();
    return null;
  } catch (error) {
    return { error };
  }
}

const WORKER = new URL('./history-part-worker.js', import.meta.url);

/** The position just after the first newline at or after `from`, or null when there is none
 * before the end (the file is then one part). */
function lineStartAfter(file: string, from: number, size: number): number | null {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(64 * 1024);
    for (let at = from; at < size;) {
      const got = fs.readSync(fd, buffer, 0, buffer.length, at);
      if (got === 0) break;
      const nl = buffer.subarray(0, got).indexOf(10);
      if (nl >= 0) return at + nl + 1 < size ? at + nl + 1 : null;
      at += got;
    }
    return null;
  } finally {
    fs.closeSync(fd);
  }
}

/** The worker's part (null: not in the shared columns), or its error with the line counted from
 * the file's start. */
function fromWorker(result: PartResult, file: string, linesBefore: number): OpLinesPart | null {
  if ('reason' in result) throw new HistoryFileError(file, linesBefore + result.line, result.reason);
  if ('failure' in result) throw new Error(`reading the second half of ${file} failed: ${result.failure}`);
  return 'outgrown' in result ? null : result;
}

/** The lines read into a table made on shared columns from line `from`, for the thread that
 * adopts them (joined). */
export function partOf({ ops, numbers, lines }: OpLines, from: number): OpLinesPart | { outgrown: true } {
  const meta = ops.meta();
  return meta === null ? { outgrown: true } : { meta, from, numbers, lines };
}

/** The second part's lines after the first's, numbered from the file's start; null when they
 * cannot be adopted in place (a table that outgrew its shared columns), and the file is then read
 * anew on one thread. */
function joined(first: OpLines, second: OpLinesPart | null, buffers: readonly SharedArrayBuffer[]): OpLines | null {
  if (second === null) return null;
  const at = first.ops.length;
  if (!first.ops.adoptBlock(second.meta, second.from, buffers)) return null;
  const numbers = first.numbers;
  const count = second.meta.length;
  // Every line is at position + 1 (no blank line) unless one of the parts says otherwise.
  if (numbers.length > 0 || second.numbers.length > 0 || first.lines !== at) {
    for (let k = 0; k < count; k++) numbers[at + k] = first.lines + (second.numbers[k] ?? k + 1);
  }
  return { ops: first.ops, numbers, lines: first.lines + second.lines };
}
