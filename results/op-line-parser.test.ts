import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringByteLines } from './file-lines.js';
import { readOpLines } from './history-jsonl.js';
import type { Op } from '../checkers/history.js';
import { ABSENT, OpTable, tableOf } from '../checkers/op-table.js';

// The table must give back exactly what each line parsed to (JSON.parse), key order included,
// whichever way the line went in: the byte reader into the columns, the object into the columns,
// or kept whole. Lines are drawn to hit every edge of what the columns take.

const scalar = fc.oneof(
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), fc.constant(-0), fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom('', 'L', 'n1', '7', '0', '01', '-0', '-12', '123456789012345', '1234567890123456', 'a"b', 'é', 'x\\y'), fc.boolean(), fc.constant(null),
);
const valueKeys = ['lock', 'token', 'key', 'length', 'version', 'element', 'base', 'released', 'rejected', 'node', 'value', 'other'];
// Mostly values of the lock workload's fields, at the edges of what the columns take; now and then
// one the columns refuse, so that both kinds meet in one table.
const rarely = <T, U>(usual: fc.Arbitrary<T>, odd: fc.Arbitrary<U>): fc.Arbitrary<T | U> => fc.oneof({ weight: 12, arbitrary: usual }, { weight: 1, arbitrary: odd });
const int = rarely(fc.oneof(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.constantFrom(0, -(2 ** 31), 2 ** 31 - 1)), fc.constantFrom(2 ** 31, -(2 ** 31) - 1, -0, 0.5, 2 ** 53));
const token = rarely(fc.oneof(fc.constantFrom('0', '01', '-0', '-12', '7', '123456789012345', '-123456789012345', '1234567890123456', 'abc', '', ' 1'),
  fc.integer(), fc.constant(null)), fc.constantFrom(0.5, true));
const workload = fc.record({ lock: rarely(fc.constantFrom('L', 'M'), fc.constant('')), token, key: int, length: int, version: int, element: int, base: int,
  released: rarely(fc.boolean(), fc.constant(0)), rejected: fc.boolean(), node: rarely(fc.constant('n1'), fc.constant('')) }, { requiredKeys: [] });
const value = fc.oneof(
  { weight: 6, arbitrary: workload },
  fc.dictionary(fc.constantFrom(...valueKeys), fc.oneof(scalar, fc.array(fc.integer(), { maxLength: 3 })), { maxKeys: 6 }),
  fc.constant(null), fc.array(fc.integer(), { maxLength: 2 }), fc.integer(),
);
const line = fc.record({
  time: rarely(fc.integer({ min: 0, max: 2 ** 50 }), fc.double({ min: 0, max: 1e6, noNaN: true })),
  type: fc.constantFrom('invoke', 'ok', 'fail', 'info'),
  process: fc.oneof(fc.integer({ min: -2, max: 2 ** 33 }), fc.constant('nemesis')),
  f: fc.constantFrom('acquire', 'read', 'write', 'release', 'final-read', 'start', ''),
  value,
  node: rarely(fc.constantFrom('client-1', 'n2', ''), fc.integer()),
}, { requiredKeys: ['time', 'type', 'process', 'f'] });
const history = fc.array(fc.tuple(line, fc.boolean(), fc.boolean(), fc.integer({ min: 0, max: 9 })), { maxLength: 30 }).map((rows) => rows.map(([op, reorder, tokenAsDecimal, error], index) => {
  const withIndex: Record<string, unknown> = { index, ...op, ...(error === 0 ? { error: 'timeout' } : {}) };
  if (tokenAsDecimal && index % 3 === 0 && typeof withIndex.value === 'object' && withIndex.value !== null && !Array.isArray(withIndex.value)) {
    (withIndex.value as Record<string, unknown>).token = String(index * 7919);
  }
  // Key order is part of what must come back.
  return reorder ? Object.fromEntries(Object.entries(withIndex).reverse()) : withIndex;
}));

const text = (ops: readonly Record<string, unknown>[]): string => ops.map((op) => JSON.stringify(op)).join('\n');

describe('OpTable', () => {
  it('gives back every line exactly as JSON.parse reads it, through the byte reader and through objects', () => {
    fc.assert(fc.property(history, (ops) => {
      const parsedLines = text(ops).split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Op);
      // Unpaired: the lines are drawn one by one, not as a history that keeps the op contract.
      const fromBytes = readOpLines(stringByteLines(text(ops)), 'h.jsonl', new OpTable()).ops;
      const fromObjects = new OpTable(1);
      for (const op of parsedLines) fromObjects.append(op);
      for (const t of [fromBytes, fromObjects]) {
        expect(t.length).toBe(parsedLines.length);
        parsedLines.forEach((want, i) => {
          const got = t.op(i);
          expect(JSON.stringify(got)).toBe(JSON.stringify(want));
          expect(got).toStrictEqual(want);
          expect(t.value(i)).toStrictEqual(want.value);
          expect(t.node(i)).toBe(typeof want.node === 'string' ? want.node : undefined);
          expect([t.index(i), t.time(i), t.type(i), t.process(i), t.f(i)]).toEqual([want.index, want.time, want.type, want.process, want.f]);
          const v = want.value as Record<string, unknown> | undefined;
          for (const name of valueKeys) {
            const own = typeof v === 'object' && v !== null && Object.hasOwn(v, name);
            expect(t.valueField(i, name)).toStrictEqual(own ? v[name] : ABSENT);
          }
        });
      }
    }), { numRuns: 300 });
  });

  it('keeps lines in the columns when they fit, so the byte reader is what reads a harness history', () => {
    const ops = [
      '{"index":0,"time":5,"type":"invoke","process":3,"f":"acquire","value":{"lock":"L"},"node":"client-3"}',
      '{"index":1,"time":9,"type":"ok","process":3,"f":"acquire","value":{"lock":"L","token":"12","node":"n1"},"node":"client-3"}',
      '{"index":2,"time":10,"type":"invoke","process":3,"f":"write","value":{"lock":"L","token":"12","key":0,"element":4,"base":0},"node":"client-3"}',
      '{"index":3,"time":11,"type":"ok","process":3,"f":"release","value":{"lock":"L","token":null,"released":false}}',
      '{"index":4,"time":12,"type":"info","process":"nemesis","f":"start","value":{"fault":"pause","targets":["n1"]}}',
    ].join('\n');
    const t = readOpLines(stringByteLines(ops), 'h.jsonl', new OpTable()).ops;
    expect([0, 1, 2, 3, 4].map((i) => t.inColumns(i))).toEqual([true, true, true, true, false]);
    expect(t.valueField(2, 'element')).toBe(4);
    expect(t.valueField(1, 'token')).toBe('12');
  });

  it('gives back the very objects of a table made from objects', () => {
    const ops: Op[] = [{ index: 0, time: 1, type: 'invoke', process: 1, f: 'acquire', value: { lock: 'L' } }];
    expect(tableOf(ops).op(0)).toBe(ops[0]);
    expect(tableOf(ops)).toBe(tableOf(ops));
  });
});
