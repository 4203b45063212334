import { workerData } from 'node:worker_threads';
import { OpTable } from '../checkers/op-table.js';
import { fileByteLines } from './file-lines.js';
import { partOf, type PartRequest, type PartResult } from './history-file.js';
import { readOpLines } from './history-jsonl.js';
import { HistoryFileError } from './json-lines.js';

// The second part of a big history.jsonl, read on a thread of its own (history-file.ts) into the
// shared columns, after as many lines as the first part has: counting them here, while the
// reader reads the first part, leaves it nothing to wait for. Then the waiting reader is woken.
const { file, start, end, buffers, capacity, port, signal } = workerData as PartRequest;
let result: PartResult;
try {
  // The first part ends with a newline: its last line's number is how many lines it has.
  let from = 0;
  fileByteLines(file, { start: 0, end: start })((line) => {
    from = line.number;
    return true;
  });
  // Past the room (a first part of blank lines) the part is read into columns of its own, and the
  // reader, told it outgrew the shared ones, reads the file anew.
  const table = from < capacity ? new OpTable(capacity, { buffers, from }) : new OpTable();
  result = partOf(readOpLines(fileByteLines(file, { start, end }), file, table), from);
} catch (err) {
  result = err instanceof HistoryFileError ? { line: err.line, reason: err.reason } : { failure: err instanceof Error ? err.stack ?? err.message : String(err) };
}
port.postMessage(result);
// The thread ends here and gives its memory back, whether or not the reader has taken the message.
port.unref();
Atomics.store(signal, 0, 1);
Atomics.notify(signal, 0);
