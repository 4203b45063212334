import fs from 'node:fs';

/**
 * Appends JSON lines to a file, each written through to the OS at once, so that a harness
 * killed at any moment leaves every line it recorded (a crash of the process loses nothing; only
 * a crash of the machine could).
 */
export interface JsonlWriter {
  append(record: unknown): void;
  close(): void;
}

export function openJsonlWriter(path: string): JsonlWriter {
  let fd: number | null = fs.openSync(path, 'a');
  return {
    append(record) {
      if (fd === null) throw new Error(`${path} is already closed`);
      fs.writeSync(fd, `${JSON.stringify(record)}\n`);
    },
    close() {
      if (fd !== null) fs.closeSync(fd);
      fd = null;
    },
  };
}
