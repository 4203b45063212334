import { workerData } from 'node:worker_threads';
import { fileByteLines } from './file-lines.js';
import { partOf, type PartRequest, type PartResult } from './history-file.js';
import { readOpLines } from './history-jsonl.js';
import { HistoryFileError } from './json-lines.js';

// The second half of a big history.jsonl, read on a thread of its own (history-file.ts): its
// table's columns go back without a copy, then the waiting reader is woken.
const { file, start, end, port, signal } = workerData as PartRequest;
let result: PartResult;
let transfer: ArrayBuffer[] = [];
try {
  const lines = readOpLines(fileByteLines(file, { start, end }), file, end - start);
  const part = partOf(lines);
  result = part;
  transfer = part.parts.columns.map((c) => c.buffer as ArrayBuffer);
} catch (err) {
  result = err instanceof HistoryFileError ? { line: err.line, reason: err.reason } : { failure: err instanceof Error ? err.stack ?? err.message : String(err) };
}
port.postMessage(result, transfer);
// The thread ends here and gives its memory back, whether or not the reader has taken the message.
port.unref();
Atomics.store(signal, 0, 1);
Atomics.notify(signal, 0);
