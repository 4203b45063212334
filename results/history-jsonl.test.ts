import { describe, expect, it } from 'vitest';
import { parseHistoryJsonl } from './history-jsonl.js';
import { HistoryFileError } from './json-lines.js';
import { parseRegisterJsonl } from './register-jsonl.js';

const lines = (...records: object[]): string => records.map((r) => JSON.stringify(r)).join('\n') + '\n';
const acquire = { index: 0, time: 10, type: 'invoke', process: 1, f: 'acquire', value: { lock: 'L' } };
const granted = { index: 1, time: 20, type: 'ok', process: 1, f: 'acquire', value: { lock: 'L', token: 4 }, node: 'c1' };

describe('parseHistoryJsonl', () => {
  it('parses ops, skipping blank lines', () => {
    const ops = parseHistoryJsonl(`${JSON.stringify(acquire)}\n\n${JSON.stringify(granted)}\n`).toOps();
    expect(ops).toEqual([acquire, granted]);
  });

  it('names the file line of a line that is not JSON', () => {
    expect(() => parseHistoryJsonl(`${JSON.stringify(acquire)}\n{"index":\n${JSON.stringify(granted)}\n`, { file: 'run/history.jsonl' }))
      .toThrow(/^run\/history\.jsonl:2: not a JSON line/);
  });

  it('drops a torn last line (a harness killed mid-write), but not a bad line that was finished', () => {
    expect(parseHistoryJsonl(`${JSON.stringify(acquire)}\n{"index":1,"ti`).toOps()).toEqual([acquire]);
    expect(() => parseHistoryJsonl(`${JSON.stringify(acquire)}\n{"index":1,"ti\n`)).toThrow(/^history\.jsonl:2: not a JSON line/);
  });

  it('names the line and the field of an op missing a required field', () => {
    const { time: _time, ...noTime } = granted;
    expect(() => parseHistoryJsonl(lines(acquire, noTime), { file: 'h.jsonl' })).toThrow('h.jsonl:2: missing required field "time" (a number of ns)');
    expect(() => parseHistoryJsonl(lines({ ...acquire, type: 'done' }))).toThrow('history.jsonl:1: field "type" must be invoke | ok | fail | info, got "done"');
    expect(() => parseHistoryJsonl(lines({ ...acquire, process: 'p1' }))).toThrow(/history\.jsonl:1: field "process" must be an integer or "nemesis"/);
  });

  it('names the line of a duplicate completion or a completion without invoke', () => {
    expect(() => parseHistoryJsonl(lines(acquire, granted, { ...granted, index: 2 }), { file: 'h.jsonl' }))
      .toThrow(/^h\.jsonl:3: ok of process 1 \(acquire\) at index 2 has no invocation in flight/);
    let error: unknown;
    try {
      parseHistoryJsonl(`\n${lines(granted)}`);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(HistoryFileError);
    expect((error as HistoryFileError).line).toBe(2);
    expect((error as Error).cause).toBeInstanceOf(Error);
  });

  it('accepts an empty file', () => {
    expect(parseHistoryJsonl('').toOps()).toEqual([]);
  });
});

describe('parseRegisterJsonl', () => {
  const entry = { seq: 0, time: 5, op: 'write', process: 1, token: 3, decision: 'accepted', value: [1], element: 1, highest: null };

  it('parses entries', () => {
    const { highest: _h, ...noHighest } = entry;
    expect(parseRegisterJsonl(lines(entry, { ...noHighest, seq: 1 }))).toEqual([entry, { ...entry, seq: 1 }]);
  });

  it('names the line of a bad entry', () => {
    expect(() => parseRegisterJsonl(lines(entry, { ...entry, decision: 'maybe' }), { file: 'register.jsonl' }))
      .toThrow('register.jsonl:2: field "decision" must be accepted | rejected, got "maybe"');
    const { token: _t, ...noToken } = entry;
    expect(() => parseRegisterJsonl(lines(noToken))).toThrow('register.jsonl:1: missing required field "token" (a decimal string, an integer, an opaque string or null)');
  });
});

describe('tokens written as JSON numbers past 2^53', () => {
  it('keep every digit: two different 64-bit tokens stay different', () => {
    const text = [
      '{"index":0,"time":0,"type":"invoke","process":1,"f":"acquire","value":{"lock":"L"}}',
      '{"index":1,"time":1,"type":"ok","process":1,"f":"acquire","value":{"lock":"L","token":9007199254740993}}',
      '{"index":2,"time":2,"type":"invoke","process":2,"f":"acquire","value":{"lock":"L"}}',
      '{"index":3,"time":3,"type":"ok","process":2,"f":"acquire","value":{"lock":"L", "token" : 9007199254740992 }}',
    ].join('\n');
    const ops = parseHistoryJsonl(text).toOps();
    expect(ops.map((op) => (op.value as { token?: unknown }).token)).toEqual([undefined, '9007199254740993', undefined, '9007199254740992']);
    const entry = '{"seq":0,"time":1,"op":"write","process":1,"token":18446744073709551615,"decision":"accepted","value":[1],"element":1,"highest":18446744073709551614}';
    expect(parseRegisterJsonl(entry)[0]).toMatchObject({ token: '18446744073709551615', highest: '18446744073709551614' });
  });
});
