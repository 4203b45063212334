import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateLockHistory } from '../bench/generate-lock-history.js';
import { parseHistoryJsonl } from './history-jsonl.js';

// The reader of a big history.jsonl hands its second half to a worker thread, which runs the
// compiled reader: this test loads dist/ (CI builds before it tests) and holds the two-thread read
// to the one-thread read of the same text, errors and their line numbers included.
const compiled = new URL('../dist/results/history-file.js', import.meta.url);
type Reader = typeof import('./history-file.js');
const load = async (): Promise<Reader> => {
  if (!fs.existsSync(compiled)) throw new Error('dist/results/history-file.js is missing: run `npm run build` before these tests');
  return (await import(compiled.href)) as Reader;
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-history-file-'));
let files = 0;
const fileOf = (text: string): string => {
  const file = path.join(dir, `h${files++}.jsonl`);
  fs.writeFileSync(file, text);
  return file;
};
const lines = generateLockHistory({ ops: 3000, seed: 7, pauseMs: 300, pauseEveryMs: 500, infoRate: 0.01 }).history.map((op) => JSON.stringify(op));
const text = (rows: readonly string[]): string => `${rows.join('\n')}\n`;

/** What each reader does with the text: its ops, or its error message. */
function outcome(read: () => { toOps(): unknown[] }): unknown {
  try {
    return read().toOps();
  } catch (err) {
    return `error: ${(err as Error).message}`;
  }
}

async function bothWays(content: string): Promise<{ two: unknown; one: unknown; splitAt: number | null }> {
  const { readHistoryFile } = await load();
  const file = fileOf(content);
  let splitAt: number | null = null;
  const two = outcome(() => readHistoryFile(file, { splitBytes: 0, onSplit: (at) => { splitAt = at; } }));
  return { two, one: outcome(() => parseHistoryJsonl(content, { file })), splitAt };
}

describe('readHistoryFile in two parts', () => {
  it('reads what one thread reads, the split at a line start past the middle', async () => {
    const content = text(lines);
    const { two, one, splitAt } = await bothWays(content);
    expect(splitAt).not.toBeNull();
    expect(content[(splitAt as unknown as number) - 1]).toBe('\n');
    expect(Array.isArray(two) && two.length).toBe(lines.length);
    expect(two).toEqual(one);
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
  });

  it('reads blank lines in both parts as one thread does: the second part moved down over the gap', async () => {
    const rows = [...lines];
    rows.splice(2000, 0, '', '', '');
    rows.splice(10, 0, '', '');
    const { two, one } = await bothWays(text(rows));
    expect(Array.isArray(two) && two.length).toBe(lines.length);
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
  });

  it('reads a file whose first part is mostly blank lines (past the shared room) on one thread instead', async () => {
    const { readHistoryFile } = await load();
    const content = `${'\n'.repeat(200_000)}${text(lines)}`;
    let splitAt = 0;
    const two = outcome(() => readHistoryFile(fileOf(content), { splitBytes: 0, alongside: { bytes: 0, read: () => {} }, onSplit: (at) => { splitAt = at; } }));
    expect(splitAt).toBeGreaterThan(200_000);
    expect(JSON.stringify(two)).toBe(JSON.stringify(outcome(() => parseHistoryJsonl(content))));
  });

  it('names the same line for a bad line in the second part after blank lines in both', async () => {
    const rows = [...lines];
    rows.splice(100, 0, '', '');
    rows.splice(rows.length - 50, 0, '');
    rows[rows.length - 20] = '{"index": "x"}';
    const { two, one } = await bothWays(text(rows));
    expect(two).toMatch(/^error: .*h\d+\.jsonl:\d+: /);
    expect(two).toBe(one);
  });

  it('names the same line for a contract broken across the parts, and drops a torn last line', async () => {
    const broken = [...lines];
    broken.splice(broken.length - 10, 1);
    broken.splice(50, 0, '');
    const twoBroken = await bothWays(text(broken));
    expect(twoBroken.two).toMatch(/^error: /);
    expect(twoBroken.two).toBe(twoBroken.one);
    const torn = await bothWays(`${text(lines)}{"index":99999,"ti`);
    expect(torn.two).toEqual(torn.one);
    expect(Array.isArray(torn.two) && torn.two.length).toBe(lines.length);
  });

  it('reads the other file beside the worker, and reports a broken history before its error', async () => {
    const { readHistoryFile } = await load();
    let reads = 0;
    const ok = readHistoryFile(fileOf(text(lines)), { splitBytes: 0, alongside: { bytes: 1000, read: () => { reads++; } } });
    expect([ok.length, reads]).toEqual([lines.length, 1]);
    const rows = [...lines];
    rows[rows.length - 5] = 'not json';
    expect(() => readHistoryFile(fileOf(text(rows)), { splitBytes: 0, alongside: { bytes: 10, read: () => { throw new Error('register broken'); } } }))
      .toThrow(/not a JSON line/);
    expect(() => readHistoryFile(fileOf(text(lines)), { splitBytes: 0, alongside: { bytes: 10, read: () => { throw new Error('register broken'); } } }))
      .toThrow('register broken');
  });
});
