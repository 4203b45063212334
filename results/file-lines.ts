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
