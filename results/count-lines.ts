import fs from 'node:fs';

/** The newlines in bytes [start, end) of a file: the lines there, when `end` is a line start. */
export function countLines(file: string, start: number, end: number): number {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    let count = 0;
    for (let at = start; at < end;) {
      const got = fs.readSync(fd, buffer, 0, Math.min(buffer.length, end - at), at);
      if (got === 0) break;
      for (let i = buffer.indexOf(10, 0); i >= 0 && i < got; i = buffer.indexOf(10, i + 1)) count++;
      at += got;
    }
    return count;
  } finally {
    fs.closeSync(fd);
  }
}
