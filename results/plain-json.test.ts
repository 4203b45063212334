import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainJsonParser } from './plain-json.js';

const parse = (text: string): unknown => {
  const bytes = Buffer.from(text, 'utf8');
  return plainJsonParser()(bytes, 0, bytes.length);
};

/** Same value, and the same key order (results.json is written from what was read). */
function sameAsJsonParse(text: string): void {
  const got = parse(text);
  if (got === undefined) return;
  const want: unknown = JSON.parse(text);
  expect(got).toStrictEqual(want);
  expect(JSON.stringify(got)).toBe(JSON.stringify(want));
}

describe('plainJsonParser', () => {
  it('parses the lines the harness writes exactly as JSON.parse does', () => {
    const lines = [
      '{"index":3,"time":536122,"type":"ok","process":0,"f":"acquire","value":{"lock":"L","token":"1"},"node":"c0"}',
      '{"index":9,"time":1319980,"type":"ok","process":0,"f":"read","value":{"lock":"L","token":1,"key":0,"length":0,"version":0},"node":"c0"}',
      '{"index":7,"time":-0,"type":"info","process":"nemesis","f":"start","value":{"fault":"pause","targets":["n1","n2"],"ok":true,"x":null,"y":false}}',
      '{"seq":0,"time":1,"op":"final-read","process":0,"token":null,"decision":"accepted","key":2,"value":[1,2,3,-4,0],"highest":null}',
      '{}', '[]', '{"a":{}}', '{"a":[[],[{}]]}', '{"a":1,"b":2,"a":3}', '{"2":1,"1":2}', '{"x":999999999999999}',
    ];
    for (const line of lines) {
      expect(parse(line)).not.toBeUndefined();
      sameAsJsonParse(line);
    }
  });

  it('gives undefined, never a different value, for what it does not take', () => {
    const others = [
      '{"a": 1}', ' {"a":1}', '{"a":1} ', '{"a":"\\u0041"}', '{"a":"é"}', '{"a":1.5}', '{"a":1e3}', '{"a":01}',
      '{"a":9999999999999999}', '{"a":9007199254740993}', '{"__proto__":1}', '{"a":tru}', '{"a":1,}', '{"a":1', '{"a"}',
      '{"a":-}', '{"a":"\t"}', '', 'nul', '{"a":1}}', '[1,]', '{,}', '{"a":[1 ]}',
    ];
    for (const line of others) expect(parse(line)).toBeUndefined();
  });

  it('agrees with JSON.parse on any JSON value it takes (property)', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => sameAsJsonParse(JSON.stringify(value))), { numRuns: 2000 });
    fc.assert(fc.property(fc.string({ unit: 'binary-ascii', maxLength: 40 }), (text) => {
      const got = parse(text);
      if (got === undefined) return;
      sameAsJsonParse(text);
    }), { numRuns: 5000 });
  });

  it('agrees with JSON.parse line after line, past the number of key sequences it builds shapes for', () => {
    const p = plainJsonParser();
    const check = (text: string): void => {
      const bytes = Buffer.from(text, 'utf8');
      const got = p(bytes, 0, bytes.length);
      if (got === undefined) return;
      // Same keys, order and values; a plain object (vitest's strict equality reads an own
      // "constructor" key as the object's type, so it is not used here).
      expect(JSON.stringify(got)).toBe(JSON.stringify(JSON.parse(text)));
      if (typeof got === 'object' && got !== null) expect(Object.getPrototypeOf(got)).toBe(Array.isArray(got) ? Array.prototype : Object.prototype);
    };
    // Each line its own keys: well past the shape limit, so the fallback builds the later ones.
    for (let i = 0; i < 1500; i++) check(`{"k${i}":${i},"v":{"a${i % 7}":1,"b":[{"c${i}":true}]},"a${i}":null,"k${i}":"again"}`);
    // Then one parser on any mix of objects, the same keys in other orders included.
    fc.assert(fc.property(fc.dictionary(fc.constantFrom('a', 'b', 'c', 'constructor', 'toString', 'x y'), fc.jsonValue({ maxDepth: 2 })), (o) => check(JSON.stringify(o))), { numRuns: 2000 });
  });

  it('shares equal strings between lines and tells different ones apart', () => {
    const p = plainJsonParser();
    const a = Buffer.from('{"f":"acquire","g":"acquirf"}');
    const b = Buffer.from('{"f":"acquire","g":"acquirf"}');
    const first = p(a, 0, a.length) as Record<string, string>;
    const second = p(b, 0, b.length) as Record<string, string>;
    expect(second).toEqual({ f: 'acquire', g: 'acquirf' });
    expect(Object.keys(first)).toEqual(['f', 'g']);
  });
});
