import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/** One line of a text file: its 1-based number, its text, and whether it ended without a newline
 * (the last line of a file, possibly a write torn by a killed harness). */
export interface FileLine { number: number; text: string; unterminated: boolean }

const CHUNK = 1 << 20;

/**
 * The lines of a file, read in chunks: memory holds one chunk and one line, never the whole file
 * (a history of an hour-long run can pass the largest string V8 makes). Synchronous, so a check
 * stays a plain function.
 */
export function* fileLines(file: string): Generator<FileLine> {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK);
    const decoder = new StringDecoder('utf8');
    let pending = '';
    let number = 0;
    for (;;) {
      const read = fs.readSync(fd, buffer, 0, CHUNK, null);
      if (read === 0) break;
      const text = pending + decoder.write(buffer.subarray(0, read));
      let start = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
        yield { number: ++number, text: text.slice(start, nl), unterminated: false };
        start = nl + 1;
      }
      pending = text.slice(start);
    }
    pending += decoder.end();
    if (pending.length > 0) yield { number: ++number, text: pending, unterminated: true };
  } finally {
    fs.closeSync(fd);
  }
}

/** The lines of a string, as fileLines gives them. */
export function* stringLines(text: string): Generator<FileLine> {
  let start = 0;
  let number = 0;
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
    yield { number: ++number, text: text.slice(start, nl), unterminated: false };
    start = nl + 1;
  }
  if (start < text.length) yield { number: ++number, text: text.slice(start), unterminated: true };
}

/** One line of a file as bytes: bytes[start, end) without its newline. The object and its buffer
 * are reused: valid until the next line is given. */
export interface ByteLine { number: number; bytes: Buffer; start: number; end: number; unterminated: boolean }

/** Gives every line to `each`, in order, until `each` returns false. A callback rather than an
 * iterator: a million-line file then makes no object per line, so the young generation holds
 * little but what the reader keeps, and the garbage collector moves whole pages of it instead of
 * copying. */
export type ByteLineSource = (each: (line: ByteLine) => boolean) => void;

const NEWLINE = 10;

/**
 * The lines of a file as bytes, read in chunks like fileLines: the same lines (a newline byte is
 * never inside a UTF-8 character), without decoding them. A line longer than a chunk is gathered
 * in a buffer of its own. `range`: only the bytes [start, end) (a part that starts a line).
 */
export function fileByteLines(file: string, range: { start: number; end: number } = { start: 0, end: Infinity }): ByteLineSource {
  return (each) => {
    const fd = fs.openSync(file, 'r');
    let at = range.start;
    try {
      byteLines((buffer) => {
        const got = fs.readSync(fd, buffer, 0, Math.max(0, Math.min(buffer.length, range.end - at)), at);
        at += got;
        return got;
      }, each);
    } finally {
      fs.closeSync(fd);
    }
  };
}

/** The lines of a string as bytes, as fileByteLines gives them. */
export function stringByteLines(text: string): ByteLineSource {
  return (each) => {
    const all = Buffer.from(text, 'utf8');
    let done = false;
    byteLines((buffer) => {
      if (done) return 0;
      done = true;
      all.copy(buffer);
      return all.length;
    }, each, all.length);
  };
}

function byteLines(read: (buffer: Buffer) => number, each: (line: ByteLine) => boolean, size = CHUNK): void {
  let buffer = Buffer.allocUnsafe(Math.max(size, 1));
  const line: ByteLine = { number: 0, bytes: buffer, start: 0, end: 0, unterminated: false };
  // bytes[0, kept) are the start of a line the last chunk did not finish.
  let kept = 0;
  for (;;) {
    if (kept === buffer.length) {
      const larger = Buffer.allocUnsafe(buffer.length * 2);
      buffer.copy(larger, 0, 0, kept);
      buffer = larger;
    }
    const got = read(kept === 0 ? buffer : buffer.subarray(kept));
    if (got === 0) break;
    const filled = kept + got;
    line.bytes = buffer;
    let start = 0;
    for (let nl = buffer.indexOf(NEWLINE, kept); nl >= 0 && nl < filled; nl = buffer.indexOf(NEWLINE, start)) {
      line.number++;
      line.start = start;
      line.end = nl;
      if (!each(line)) return;
      start = nl + 1;
    }
    kept = filled - start;
    if (kept > 0 && start > 0) buffer.copy(buffer, 0, start, filled);
  }
  if (kept > 0) {
    line.number++;
    line.bytes = buffer;
    line.start = 0;
    line.end = kept;
    line.unterminated = true;
    each(line);
  }
}
