import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCliInProcess } from '../../test/helpers/run-cli-in-process.js';

const run = runCliInProcess;

const dirs: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

type Line = [time: number, type: string, process: number | 'nemesis', f: string, value?: unknown];

function jsonl(lines: readonly Line[]): string {
  return lines.map(([time, type, process, f, value], index) => JSON.stringify({ index, time, type, process, f, ...(value === undefined ? {} : { value }) })).join('\n') + '\n';
}

/** A run folder with these files. */
function runFolder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-check-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

// One holder: acquire, write element 1, release, final read [1].
const GOOD: Line[] = [
  [0, 'invoke', 1, 'acquire', { lock: 'L' }], [1, 'ok', 1, 'acquire', { lock: 'L', token: '1' }],
  [2, 'invoke', 1, 'write', { lock: 'L', token: '1', value: [1], element: 1 }], [3, 'ok', 1, 'write', { lock: 'L', token: '1', value: [1], element: 1 }],
  [4, 'invoke', 1, 'release', { lock: 'L', token: '1' }], [5, 'ok', 1, 'release', { lock: 'L', token: '1', released: true }],
  [6, 'invoke', -1, 'final-read', {}], [7, 'ok', -1, 'final-read', { value: [1] }],
];

function expectBadInput(r: { code: number; err: string }, message: RegExp): void {
  expect(r.code).toBe(254);
  expect(r.err).toMatch(message);
  expect(r.err.trim().split('\n')).toHaveLength(1);
}

describe('fencecheck check: strict input, exit 254 naming file and line', () => {
  it('an unknown fencing mode in test.json', async () => {
    const dir = runFolder({ 'history.jsonl': jsonl(GOOD), 'test.json': '{"fencing":"paranoid"}' });
    expectBadInput(await run(['check', dir]), /test\.json: unknown fencing mode "paranoid": it must be one of none, write, full/);
  });

  it('a torn test.json', async () => {
    const dir = runFolder({ 'history.jsonl': jsonl(GOOD), 'test.json': '{"fencing":"no' });
    expectBadInput(await run(['check', dir]), /test\.json: not valid JSON/);
  });

  it('a final read whose elements are strings', async () => {
    const lines = GOOD.slice(0, 7).concat([[7, 'ok', -1, 'final-read', { value: ['1'] }]]);
    const dir = runFolder({ 'history.jsonl': jsonl(lines) });
    expectBadInput(await run(['check', dir]), /history\.jsonl:8: .*final read's "value" must hold integer elements only, got "1"/);
  });

  it('an element id written twice', async () => {
    // p1 writes element 1; p2 writes element 1 again: one could hide the other's loss.
    const lines: Line[] = [...GOOD.slice(0, 6),
      [8, 'invoke', 2, 'acquire', { lock: 'L' }], [9, 'ok', 2, 'acquire', { lock: 'L', token: '2' }],
      [10, 'invoke', 2, 'write', { lock: 'L', token: '2', value: [1], element: 1 }], [11, 'ok', 2, 'write', { lock: 'L', token: '2', value: [1], element: 1 }]];
    const dir = runFolder({ 'history.jsonl': jsonl(lines) });
    expectBadInput(await run(['check', dir]), /history\.jsonl:9: .*element 1 is written again \(first at index 2\)/);
  });

  it('a completion before its own process\'s earlier invocation', async () => {
    // p1 invokes its release at 4 and the release completes at 3.
    const lines = GOOD.slice(0, 5).concat([[3, 'ok', 1, 'release', { lock: 'L', released: true }]], GOOD.slice(6));
    const dir = runFolder({ 'history.jsonl': jsonl(lines) });
    expectBadInput(await run(['check', dir]), /history\.jsonl:6: .*completes at 3 ns, before its invocation at 4 ns/);
    expectBadInput(await run(['check', path.join(dir, 'history.jsonl'), '--format', 'fencecheck']), /history\.jsonl:6: .*before its invocation/);
  });

  it('an op before its process\'s previous op', async () => {
    // p1's write is invoked at 0.5, before its acquire's ok at 1.
    const lines = GOOD.slice(0, 2).concat([[0.5, 'invoke', 1, 'write', { lock: 'L', token: '1', value: [1], element: 1 }]], GOOD.slice(3));
    const dir = runFolder({ 'history.jsonl': jsonl(lines) });
    expectBadInput(await run(['check', dir]), /history\.jsonl:3: .*before its process's ok of acquire/);
  });

  it('a token of the wrong type', async () => {
    const lines = GOOD.slice(0, 1).concat([[1, 'ok', 1, 'acquire', { lock: 'L', token: { rev: 1 } }]], GOOD.slice(2));
    const dir = runFolder({ 'history.jsonl': jsonl(lines) });
    expectBadInput(await run(['check', dir]), /history\.jsonl:2: .*"token" must be a decimal string/);
  });
});

describe('fencecheck check: one reader for history.jsonl', () => {
  const torn = jsonl(GOOD) + '{"index":8,"time":8,"ty\n';

  it('a torn line followed by a newline is bad input through the run folder and through --format fencecheck', async () => {
    const dir = runFolder({ 'history.jsonl': torn });
    expectBadInput(await run(['check', dir]), /history\.jsonl:9: not a JSON line/);
    expectBadInput(await run(['check', path.join(dir, 'history.jsonl'), '--format', 'fencecheck']), /history\.jsonl:9: not a JSON line/);
  });

  it('a torn last line without its newline (a killed harness) is dropped by both', async () => {
    const dir = runFolder({ 'history.jsonl': torn.slice(0, -1) });
    expect((await run(['check', dir])).code).toBe(0);
    expect((await run(['check', path.join(dir, 'history.jsonl'), '--format', 'fencecheck'])).code).toBe(0);
  });
});

describe('fencecheck check: results.json', () => {
  it('gives its verdict on a folder it cannot write, and says so', async () => {
    const dir = runFolder({ 'history.jsonl': jsonl(GOOD) });
    const results = path.join(dir, 'results.json');
    const write = fs.writeFileSync;
    vi.spyOn(fs, 'writeFileSync').mockImplementation((file, ...rest) => {
      if (file === results) throw Object.assign(new Error(`EROFS: read-only file system, open '${results}'`), { code: 'EROFS' });
      return write(file, ...rest);
    });
    const r = await run(['check', dir]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/verdict: VALID/);
    expect(r.err).toMatch(/results\.json not written \(EROFS.*--output FILE/);
    expect(fs.existsSync(results)).toBe(false);
  });

  it('writes to --output instead of the run folder', async () => {
    const dir = runFolder({ 'history.jsonl': jsonl(GOOD) });
    const out = path.join(dir, 'elsewhere.json');
    const r = await run(['check', dir, '--output', out]);
    expect(r.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toMatchObject({ valid: true });
    expect(fs.existsSync(path.join(dir, 'results.json'))).toBe(false);
  });

  it('refuses an --output it cannot write, exit 254', async () => {
    const dir = runFolder({ 'history.jsonl': jsonl(GOOD) });
    expectBadInput(await run(['check', dir, '--output', path.join(dir, 'no', 'such', 'dir.json')]), /cannot write --output .*ENOENT/);
  });
});

describe('fencecheck check: histories with nothing to check', () => {
  it('a Jepsen EDN history where every op failed is trivially linearizable, exit 0', async () => {
    // Knossos drops failed ops; with none left, the empty history is linearizable.
    const edn = [
      '{:type :invoke, :f :write, :value 1, :process 0}', '{:type :fail, :f :write, :value 1, :process 0}',
      '{:type :invoke, :f :cas, :value [1 2], :process 1}', '{:type :fail, :f :cas, :value [1 2], :process 1}',
      '{:type :info, :f :start, :value nil, :process :nemesis}',
    ].join('\n');
    const dir = runFolder({ 'history.edn': edn });
    const r = await run(['check', path.join(dir, 'history.edn')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/no operation left to check .*trivially linearizable/);
  });

  it('a lock run with no client operation stays unknown, exit 2', async () => {
    const dir = runFolder({ 'history.jsonl': jsonl([[0, 'info', 'nemesis', 'start', { fault: 'pause' }]]) });
    const r = await run(['check', dir]);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/UNKNOWN/);
  });
});

describe('fencecheck check: tokens past 2^53 through the whole path', () => {
  it('two increasing 64-bit tokens recorded as decimal strings are valid', async () => {
    const lines: Line[] = [
      [0, 'invoke', 1, 'acquire', { lock: 'L' }], [1, 'ok', 1, 'acquire', { lock: 'L', token: '9007199254740993' }],
      [2, 'invoke', 1, 'release', { lock: 'L', token: '9007199254740993' }], [3, 'ok', 1, 'release', { lock: 'L', released: true }],
      [4, 'invoke', 2, 'acquire', { lock: 'L' }], [5, 'ok', 2, 'acquire', { lock: 'L', token: '9007199254740994' }],
      [6, 'invoke', 2, 'release', { lock: 'L', token: '9007199254740994' }], [7, 'ok', 2, 'release', { lock: 'L', released: true }],
      [8, 'invoke', -1, 'final-read', {}], [9, 'ok', -1, 'final-read', { value: [] }],
    ];
    const dir = runFolder({ 'history.jsonl': jsonl(lines), 'test.json': '{"fencing":"full"}' });
    const r = await run(['check', dir, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).checkers.fencing).toMatchObject({ valid: true, duplicateCount: 0, grants: 2 });
  });
});

describe('fencecheck check: both readers of history.jsonl agree on a run with no belief', () => {
  it('acquires that all failed, then the final read: valid through the run folder and through --format fencecheck', async () => {
    const lines: Line[] = [
      [0, 'invoke', 1, 'acquire', { lock: 'L' }], [1, 'fail', 1, 'acquire', { lock: 'L' }],
      [2, 'invoke', -1, 'final-read', {}], [3, 'ok', -1, 'final-read', { value: [] }],
    ];
    const dir = runFolder({ 'history.jsonl': jsonl(lines) });
    expect((await run(['check', dir])).code).toBe(0);
    const foreign = await run(['check', path.join(dir, 'history.jsonl'), '--format', 'fencecheck']);
    expect(foreign.code).toBe(0);
    expect(foreign.out).toMatch(/no belief with a certain length/);
  });

  it('a history with only the final read: unknown through both', async () => {
    const dir = runFolder({ 'history.jsonl': jsonl([[2, 'invoke', -1, 'final-read', {}], [3, 'ok', -1, 'final-read', { value: [] }]]) });
    expect((await run(['check', dir])).code).toBe(2);
    expect((await run(['check', path.join(dir, 'history.jsonl'), '--format', 'fencecheck'])).code).toBe(2);
  });
});
