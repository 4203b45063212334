import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkForeignFile, FOREIGN_FORMATS, MODEL_NAMES } from './check-foreign.js';
import { etcdFile, kvFile } from './corpus.js';
import { detectFormat } from './detect-format.js';
import { parseJepsenEdn } from './jepsen-edn.js';
import { parseJepsenLog } from './jepsen-log.js';

const dir = mkdtempSync(join(tmpdir(), 'fencecheck-formats-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('format detection', () => {
  it('tells the four formats apart from their first line', () => {
    expect(detectFormat('\nINFO  jepsen.util - 0\t:invoke\t:read\tnil\n')).toBe('jepsen-log');
    expect(detectFormat('{:process 1, :type :invoke, :f :get, :key "0", :value nil}')).toBe('porcupine-kv');
    expect(detectFormat('{:type :invoke, :f :read, :value nil, :process 0, :time 1}')).toBe('jepsen-edn');
    expect(detectFormat('[{:type :invoke, :f :read}')).toBe('jepsen-edn');
    expect(detectFormat('{"index":0,"time":1,"type":"invoke","process":0,"f":"acquire","value":{"lock":"L"}}')).toBe('fencecheck');
    expect(detectFormat('hello')).toBeUndefined();
  });
  it('exports the choices for --help', () => {
    expect(FOREIGN_FORMATS).toEqual(['jepsen-log', 'porcupine-kv', 'jepsen-edn', 'fencecheck']);
    expect(MODEL_NAMES).toEqual(['register', 'cas-register', 'mutex', 'set', 'kv']);
  });
});

describe('jepsen-log conventions', () => {
  it('reads tabs and runs of spaces; :ok :read nil is unset; a timed-out read is unknown; info stays open', () => {
    const ops = parseJepsenLog([
      'INFO  jepsen.util - 0\t:invoke\t:read\tnil', 'INFO  jepsen.util - 0\t:ok\t:read\tnil',
      'INFO  jepsen.util - 1   :invoke :cas    [1 2]', 'INFO  jepsen.util - 1   :fail   :cas    [1 2]',
      'INFO  jepsen.util - 2   :invoke :read   nil', 'INFO  jepsen.util - 2   :fail   :read   :timed-out',
      'INFO  jepsen.util - 3\t:invoke\t:write\t4', 'INFO  jepsen.util - 3\t:info\t:write\t:timed-out',
    ].join('\n'));
    expect(ops.map((o) => [o.f, o.status, o.input, o.output])).toEqual([
      ['read', 'ok', undefined, null], ['cas', 'fail', [1, 2], undefined], ['read', 'info', undefined, undefined], ['write', 'info', 4, undefined]]);
    expect(ops[3]?.ret).toBe(Infinity);
  });
});

describe('jepsen-edn conventions (as Knossos reads them)', () => {
  const history = [
    '{:type :invoke, :f :write, :value 1, :process 0, :time 1}',
    '{:type :info, :f :start, :value nil, :process :nemesis, :time 2}',
    '{:type :ok, :f :write, :value 1, :process 0, :time 3}',
    '{:type :invoke, :f :read, :value nil, :process 1, :time 4}',
    '{:type :ok, :f :read, :value nil, :process 1, :time 5}',
    '{:type :invoke, :f :cas, :value [5 6], :process 2, :time 6}',
    '{:type :fail, :f :cas, :value [5 6], :process 2, :time 7}',
  ].join('\n');
  it('ignores the nemesis, drops failed ops, and lets a nil read match any state', () => {
    const ops = parseJepsenEdn(history);
    expect(ops.map((o) => [o.f, o.status, o.output])).toEqual([['write', 'ok', undefined], ['read', 'ok', undefined]]);
  });
  it('checks it as a cas-register by default', async () => {
    const r = await checkForeignFile(file('history.edn', history), {});
    expect([r.format, r.model, r.valid]).toEqual(['jepsen-edn', 'cas-register', true]);
  });
  it('reads a vector of op maps spread over lines', async () => {
    const r = await checkForeignFile(file('vector.edn', `[\n${history.replace(/\n/g, '\n ')}\n]`), { format: 'jepsen-edn' });
    expect(r.valid).toBe(true);
  });
});

describe('checkForeignFile', () => {
  it('detects the format and model of the corpus files', async () => {
    const etcd = await checkForeignFile(etcdFile(2), {});
    expect([etcd.format, etcd.model, etcd.valid]).toEqual(['jepsen-log', 'cas-register', true]);
    const kv = await checkForeignFile(kvFile('c01-bad'), {});
    expect([kv.format, kv.model, kv.valid]).toEqual(['porcupine-kv', 'kv', false]);
    expect(kv.counterexample?.blocked).not.toBeNull();
    expect(JSON.parse(JSON.stringify(kv)).counterexample.prefix.length).toBeGreaterThan(0);
  });
  it('passes --initial to the model', async () => {
    const path = file('init.log', 'INFO  jepsen.util - 0\t:invoke\t:read\tnil\nINFO  jepsen.util - 0\t:ok\t:read\t0\n');
    expect((await checkForeignFile(path, {})).valid).toBe(false);
    expect((await checkForeignFile(path, { initial: 0 })).valid).toBe(true);
  });
  it('checks a fencecheck lock history with the mutex model', async () => {
    const lines = [
      { index: 0, time: 0, type: 'invoke', process: 0, f: 'acquire', value: { lock: 'L' } },
      { index: 1, time: 1, type: 'ok', process: 0, f: 'acquire', value: { lock: 'L', token: 1 } },
      { index: 2, time: 2, type: 'invoke', process: 1, f: 'acquire', value: { lock: 'L' } },
      { index: 3, time: 3, type: 'ok', process: 1, f: 'acquire', value: { lock: 'L', token: 2 } },
      { index: 4, time: 4, type: 'invoke', process: 0, f: 'release', value: { lock: 'L', token: 1 } },
      { index: 5, time: 5, type: 'invoke', process: 1, f: 'release', value: { lock: 'L', token: 2 } },
      { index: 6, time: 6, type: 'ok', process: 0, f: 'release', value: { lock: 'L', released: true } },
      { index: 7, time: 7, type: 'ok', process: 1, f: 'release', value: { lock: 'L', released: true } },
    ];
    const r = await checkForeignFile(file('history.jsonl', lines.map((l) => JSON.stringify(l)).join('\n')), {});
    expect([r.format, r.model, r.valid]).toEqual(['fencecheck', 'mutex', false]);
  });
  it('throws one-line messages that say what to do', async () => {
    const msg = async (p: Promise<unknown>): Promise<string> => p.then(() => 'no error', (e: Error) => e.message);
    expect(await msg(checkForeignFile(join(dir, 'missing.log'), {}))).toMatch(/^cannot read .*missing\.log \(ENOENT\): give a readable history file$/);
    expect(await msg(checkForeignFile(etcdFile(2), { format: 'csv' }))).toMatch(/^unknown format "csv": choose one of jepsen-log, /);
    expect(await msg(checkForeignFile(etcdFile(2), { model: 'queue' }))).toMatch(/^unknown model "queue": choose one of register, /);
    expect(await msg(checkForeignFile(file('x.txt', 'hello\n'), {}))).toMatch(/^cannot tell the format of .*: give --format/);
    const bad = file('bad.log', 'INFO  jepsen.util - 0\t:invoke\t:read\tnil\nINFO  jepsen.util - 0\t:ok\t:read\tzebra\n');
    expect(await msg(checkForeignFile(bad, {}))).toMatch(/^malformed jepsen-log history at line 2: cannot read the value "zebra"/);
    expect(await msg(checkForeignFile(etcdFile(2), { model: 'kv' }))).toMatch(/^the kv model has no operation "read" \(line 1\)/);
    for (const m of [await msg(checkForeignFile(bad, {}))]) expect(m).not.toContain('\n');
  });
  it('says unknown when the time limit is exceeded', async () => {
    const r = await checkForeignFile(kvFile('c10-ok'), { perKey: false, timeLimitMs: 1 });
    expect(r.valid).toBe('unknown');
    expect(r.summary).toMatch(/time limit of 1 ms exceeded/);
  });
});
