/**
 * A parser for the plain JSON the harness writes, straight from the file's bytes: objects, arrays,
 * integers of at most 15 digits, ASCII strings without escapes, true, false and null, no
 * whitespace. For such a line it gives exactly what JSON.parse gives for its text; for anything
 * else (whitespace, escapes, non-ASCII, fractions, long numbers, bad JSON) it gives undefined and
 * the caller parses the line the general way, whose errors name file and line. A history of a
 * million ops parses several times faster this way: no UTF-8 decoding, no line strings, no scan
 * for long tokens, and names and short strings shared rather than made anew on every line.
 */

import { ObjectShapes, objectByKeys, type Shape } from '../lib/object-shapes.js';

interface Frame { keys: string[]; values: unknown[] }

const QUOTE = 34;
const COMMA = 44;
const MINUS = 45;
const ZERO = 48;
const NINE = 57;
const COLON = 58;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;

/** Below 10^15 every integer is exact in a double, and JSON.parse of its digits gives the same. */
const MAX_DIGITS = 15;
/** Strings up to this length are shared through the cache (names, op types, locks, nodes). */
const SHARED_LENGTH = 24;
const CACHE_SIZE = 4096;

/** Not a value this parser takes: the caller falls back to JSON.parse. */
export const NO = Symbol('not plain');

/** The parser, whose `string`, `integer` and `word` also serve a reader of one known line shape
 * (op-line-parser.ts): it sets `bytes`, `at` and `end`, and reads on from `at`. */
export class PlainJsonParser {
  bytes: Buffer = Buffer.alloc(0);
  at = 0;
  end = 0;
  private readonly cache: (string | undefined)[] = new Array<string | undefined>(CACHE_SIZE);
  private readonly shapes = new ObjectShapes();
  /** Keys and values of the objects being parsed, one frame per depth, reused line after line. */
  private readonly frames: Frame[] = [];
  private depth = 0;

  /** The value of bytes[start, end), or undefined when it is not plain JSON as above. */
  parse(bytes: Buffer, start: number, end: number): unknown {
    this.bytes = bytes;
    this.at = start;
    this.end = end;
    const value = this.value();
    return value === NO || this.at !== end ? undefined : value;
  }

  private value(): unknown {
    if (this.at >= this.end) return NO;
    const c = this.bytes[this.at]!;
    if (c === OPEN_OBJECT) return this.object();
    if (c === QUOTE) return this.string();
    if (c === MINUS || (c >= ZERO && c <= NINE)) return this.integer();
    if (c === OPEN_ARRAY) return this.array();
    return this.word();
  }

  private object(): unknown {
    this.at++;
    if (this.bytes[this.at] === CLOSE_OBJECT) {
      this.at++;
      return {};
    }
    const frame = (this.frames[this.depth] ??= { keys: [], values: [] });
    this.depth++;
    const out = this.members(frame);
    this.depth--;
    return out;
  }

  /** The members of an object after its "{", gathered in the frame of its depth, then built by
   * the builder of its key sequence (object-shapes.ts). */
  private members(frame: Frame): unknown {
    let shape: Shape | undefined = this.shapes.root;
    for (let n = 0; ; n++) {
      if (this.bytes[this.at] !== QUOTE) return NO;
      const key = this.string();
      // An own "__proto__" is what JSON.parse makes; an assignment would set the prototype.
      if (key === NO || key === '__proto__' || this.bytes[this.at] !== COLON) return NO;
      this.at++;
      const value = this.value();
      if (value === NO) return NO;
      frame.keys[n] = key as string;
      frame.values[n] = value;
      shape = shape?.child(key as string, this.shapes);
      const next = this.bytes[this.at++];
      if (next === CLOSE_OBJECT) return shape === undefined ? objectByKeys(frame.keys, frame.values, n + 1) : shape.make(frame.values);
      if (next !== COMMA) return NO;
    }
  }

  private array(): unknown {
    const out: unknown[] = [];
    this.at++;
    if (this.bytes[this.at] === CLOSE_ARRAY) {
      this.at++;
      return out;
    }
    for (;;) {
      const value = this.value();
      if (value === NO) return NO;
      out.push(value);
      const next = this.bytes[this.at++];
      if (next === CLOSE_ARRAY) return out;
      if (next !== COMMA) return NO;
    }
  }

  string(): unknown {
    const bytes = this.bytes;
    const start = ++this.at;
    let hash = 0;
    for (let i = start; i < this.end; i++) {
      const c = bytes[i]!;
      if (c === QUOTE) {
        this.at = i + 1;
        return i - start <= SHARED_LENGTH ? this.shared(start, i, hash) : latin1(bytes, start, i);
      }
      // Escapes, control characters and anything past ASCII go the general way.
      if (c === 92 || c < 32 || c > 126) return NO;
      hash = (Math.imul(hash, 31) + c) | 0;
    }
    return NO;
  }

  /** The string of bytes[start, end), taken from the cache when the same bytes were seen before. */
  private shared(start: number, end: number, hash: number): string {
    const slot = (hash ^ (hash >>> 13) ^ (end - start)) & (CACHE_SIZE - 1);
    const cached = this.cache[slot];
    if (cached !== undefined && cached.length === end - start) {
      let same = true;
      for (let i = 0; i < cached.length; i++) {
        if (cached.charCodeAt(i) !== this.bytes[start + i]) {
          same = false;
          break;
        }
      }
      if (same) return cached;
    }
    const made = latin1(this.bytes, start, end);
    this.cache[slot] = made;
    return made;
  }

  integer(): unknown {
    const bytes = this.bytes;
    let i = this.at;
    const negative = bytes[i] === MINUS;
    if (negative) i++;
    const first = i;
    let n = 0;
    for (; i < this.end; i++) {
      const c = bytes[i]!;
      if (c < ZERO || c > NINE) break;
      n = n * 10 + (c - ZERO);
    }
    const digits = i - first;
    // No digit, a leading zero ("01"), too many digits, or a fraction or exponent: not plain.
    if (digits === 0 || digits > MAX_DIGITS || (digits > 1 && bytes[first] === ZERO)) return NO;
    const c = bytes[i];
    if (c === 46 || c === 101 || c === 69) return NO;
    this.at = i;
    return negative ? -n : n;
  }

  word(): unknown {
    if (this.matches('true')) return true;
    if (this.matches('false')) return false;
    if (this.matches('null')) return null;
    return NO;
  }

  private matches(word: string): boolean {
    if (this.at + word.length > this.end) return false;
    for (let i = 0; i < word.length; i++) if (this.bytes[this.at + i] !== word.charCodeAt(i)) return false;
    this.at += word.length;
    return true;
  }
}

/** Every byte here is printable ASCII, so latin1 decodes it as UTF-8 would, only faster. */
function latin1(bytes: Buffer, start: number, end: number): string {
  return bytes.toString('latin1', start, end);
}

/** One parser per reader: its cache of shared strings lives as long as the parser. */
export function plainJsonParser(): (bytes: Buffer, start: number, end: number) => unknown {
  const parser = new PlainJsonParser();
  return (bytes, start, end) => parser.parse(bytes, start, end);
}
