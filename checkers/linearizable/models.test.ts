import { describe, expect, it } from 'vitest';
import { ILLEGAL, type Model } from './model.js';
import { createModel } from './models/index.js';
import { keyedModel } from './models/keyed-model.js';
import { opsOf, type OpSpec } from './test-ops.js';

function run(model: Model, initial: unknown, specs: OpSpec[]): unknown[] {
  let s = model.init(initial);
  const out: unknown[] = [];
  for (const op of opsOf(specs)) {
    const next = model.step(s, op);
    out.push(next === ILLEGAL ? 'illegal' : model.describeState(next));
    if (next !== ILLEGAL) s = next;
  }
  return out;
}

describe('register', () => {
  it('reads what was written, nil when unset, anything when nothing was observed', () => {
    const m = createModel('register');
    expect(run(m, undefined, [
      [0, 'read', null, null, 'ok', 0, 0], [0, 'read', null, 1, 'ok', 0, 0], [0, 'write', 1, undefined, 'ok', 0, 0],
      [0, 'read', null, 1, 'ok', 0, 0], [0, 'read', null, undefined, 'ok', 0, 0],
    ])).toEqual(['nil', 'illegal', '1', '1', '1']);
  });
  it('takes the initial value as a parameter', () => {
    expect(run(createModel('register'), 0, [[0, 'read', null, 0, 'ok', 0, 0]])).toEqual(['0']);
  });
  it('compares structured values by content', () => {
    expect(run(createModel('register'), undefined, [
      [0, 'write', { a: 1, b: [2] }, undefined, 'ok', 0, 0], [0, 'read', null, { b: [2], a: 1 }, 'ok', 0, 0], [0, 'read', null, '{"a":1,"b":[2]}', 'ok', 0, 0],
    ])).toEqual(['{"a":1,"b":[2]}', '{"a":1,"b":[2]}', 'illegal']);
  });
});

describe('cas-register', () => {
  it('swaps on a match; a failed cas observes a different value; an info cas only where it takes effect', () => {
    const m = createModel('cas-register');
    expect(run(m, 1, [
      [0, 'cas', [1, 2], undefined, 'ok', 0, 0], [0, 'cas', [1, 3], undefined, 'ok', 0, 0], [0, 'cas', [1, 3], undefined, 'fail', 0, 0],
      [0, 'cas', [2, 3], undefined, 'fail', 0, 0], [0, 'cas', [2, 4], undefined, 'info', 0, 0], [0, 'cas', [2, 5], undefined, 'info', 0, 0],
    ])).toEqual(['2', 'illegal', '2', 'illegal', '4', 'illegal']);
    expect(m.observesFailure?.(opsOf([[0, 'cas', [1, 2], undefined, 'fail', 0, 0]])[0]!)).toBe(true);
    expect(m.isNoop?.(opsOf([[0, 'read', null, undefined, 'info', 0, 0]])[0]!)).toBe(true);
  });
});

describe('mutex', () => {
  it('has one holder, released only by it; released:false observes another holder or none', () => {
    expect(run(createModel('mutex'), undefined, [
      [1, 'acquire', null, undefined, 'ok', 0, 0], [2, 'acquire', null, undefined, 'ok', 0, 0], [2, 'release', null, undefined, 'ok', 0, 0],
      [2, 'release', null, { released: false }, 'ok', 0, 0], [1, 'release', null, { released: false }, 'ok', 0, 0],
      [1, 'release', null, { released: true }, 'ok', 0, 0], [2, 'acquire', null, undefined, 'info', 0, 0],
    ])).toEqual(['held by process 1', 'illegal', 'illegal', 'held by process 1', 'illegal', 'free', 'held by process 2']);
  });
});

describe('set', () => {
  it('reads every element added, in any order', () => {
    expect(run(createModel('set'), undefined, [
      [0, 'add', 2, undefined, 'ok', 0, 0], [0, 'add', 1, undefined, 'ok', 0, 0], [0, 'add', 2, undefined, 'ok', 0, 0],
      [0, 'read', null, [1, 2], 'ok', 0, 0], [0, 'read', null, [2, 1, 1], 'ok', 0, 0], [0, 'read', null, [1], 'ok', 0, 0],
    ])).toEqual(['#{2}', '#{1 2}', '#{1 2}', '#{1 2}', '#{1 2}', 'illegal']);
  });
});

describe('kv', () => {
  it('gets "" when unset, puts and appends strings', () => {
    expect(run(createModel('kv'), undefined, [
      [0, 'get', null, '', 'ok', 0, 0], [0, 'append', 'ab', undefined, 'ok', 0, 0], [0, 'append', 'c', undefined, 'ok', 0, 0],
      [0, 'get', null, 'abc', 'ok', 0, 0], [0, 'get', null, 'ab', 'ok', 0, 0], [0, 'put', 'x', undefined, 'ok', 0, 0], [0, 'get', null, 'x', 'ok', 0, 0],
    ])).toEqual(['""', '"ab"', '"abc"', '"abc"', 'illegal', '"x"', '"x"']);
  });
  it('compares text, not the path of appends that built it', () => {
    expect(run(createModel('kv'), undefined, [
      [0, 'append', 'a', undefined, 'ok', 0, 0], [0, 'append', 'bc', undefined, 'ok', 0, 0], [0, 'get', null, 'abc', 'ok', 0, 0],
    ])).toEqual(['"a"', '"abc"', '"abc"']);
  });
  it('as a whole map keeps one string per key', () => {
    const m = keyedModel(createModel('kv'), ['x', 'y']);
    expect(run(m, undefined, [
      [0, 'put', '1', undefined, 'ok', 0, 0, 'x'], [0, 'get', null, '', 'ok', 0, 0, 'y'], [0, 'get', null, '1', 'ok', 0, 0, 'x'], [0, 'get', null, '1', 'ok', 0, 0, 'y'],
    ])).toEqual(['{"x" "1", "y" ""}', '{"x" "1", "y" ""}', '{"x" "1", "y" ""}', 'illegal']);
  });
});
