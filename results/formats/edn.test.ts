import { describe, expect, it } from 'vitest';
import { Keyword, readEdnAll } from './edn.js';

describe('readEdnAll', () => {
  it('reads a Jepsen op map', () => {
    const [op] = readEdnAll('{:type :ok, :f :cas, :value [1 2], :process 3, :time 12345678901, :error nil} ; done');
    expect(op).toEqual({ type: new Keyword('ok'), f: new Keyword('cas'), value: [1, 2], process: 3, time: 12345678901, error: null });
  });
  it('reads strings with escapes, sets, lists, tagged literals, discards and big numbers', () => {
    expect(readEdnAll('"a\\"b\\n" #{1 2} (3 4) #inst "2020-01-01" #_ 5 6 123456789012345678901 1.5 true \\c')).toEqual(
      ['a"b\n', [1, 2], [3, 4], '2020-01-01', 6, 123456789012345678901n, 1.5, true, 'c']);
  });
  it('reads maps with non-keyword keys as Map', () => {
    const [m] = readEdnAll('{"k" 1}');
    expect(m).toBeInstanceOf(Map);
  });
  it('fails on unbalanced input', () => {
    expect(() => readEdnAll('{:a 1')).toThrow(/missing "}"/);
    expect(() => readEdnAll(']')).toThrow(/unexpected/);
  });
});
