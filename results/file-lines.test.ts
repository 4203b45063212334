import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileByteLines, fileLines, stringByteLines, stringLines, type ByteLineSource } from './file-lines.js';

describe('fileLines', () => {
  it('gives the lines of a file larger than its chunk, multi-byte characters split across chunks included', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-lines-'));
    const file = path.join(dir, 'big.jsonl');
    // 3 MiB of lines of odd lengths with a 3-byte character, so chunk ends fall inside characters.
    const lines = Array.from({ length: 40_000 }, (_, i) => `{"i":${i},"s":"${'€'.repeat(i % 37)}"}`);
    fs.writeFileSync(file, `${lines.join('\n')}\n{"torn":`);
    const read = [...fileLines(file)];
    expect(read.length).toBe(lines.length + 1);
    expect(read.slice(0, -1).map((l) => l.text)).toEqual(lines);
    expect(read.at(-1)).toEqual({ number: lines.length + 1, text: '{"torn":', unterminated: true });
    expect(read.slice(0, -1).every((l, i) => l.number === i + 1 && !l.unterminated)).toBe(true);
    expect([...stringLines(fs.readFileSync(file, 'utf8'))]).toEqual(read);
    fs.rmSync(dir, { recursive: true });
  });
});

describe('fileByteLines', () => {
  it('gives the same lines as fileLines, as bytes, a line longer than a chunk included', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-bytes-'));
    const file = path.join(dir, 'big.jsonl');
    const lines = Array.from({ length: 30_000 }, (_, i) => `{"i":${i},"s":"${'€'.repeat(i % 37)}"}`);
    lines.splice(1000, 0, 'x'.repeat(3 << 20), '', '\r');
    fs.writeFileSync(file, `${lines.join('\n')}\n{"torn":`);
    const asText = (source: ByteLineSource) => {
      const out: { number: number; text: string; unterminated: boolean }[] = [];
      source((l) => out.push({ number: l.number, text: l.bytes.toString('utf8', l.start, l.end), unterminated: l.unterminated }) > 0);
      return out;
    };
    const read = asText(fileByteLines(file));
    expect(read).toEqual([...fileLines(file)]);
    expect(asText(stringByteLines(fs.readFileSync(file, 'utf8')))).toEqual(read);
    expect(asText(stringByteLines(''))).toEqual([]);
    // `each` answering false stops the reading there.
    let seen = 0;
    fileByteLines(file)(() => ++seen < 5);
    expect(seen).toBe(5);
    fs.rmSync(dir, { recursive: true });
  });
});
