import { FIRST_INT, FLAG, KEY, newOpFields, type KeyPath } from '../checkers/op-fields.js';
import type { OpTable } from '../checkers/op-table.js';
import { NO, PlainJsonParser } from './plain-json.js';

/**
 * The history lines the harness writes, read from their bytes straight into the table's columns
 * (checkers/op-table.ts): no object, no string but the shared ones. A line is taken only when it is
 * plain JSON (plain-json.ts: no whitespace, no escapes, integers of at most 15 digits) whose keys
 * and types the columns hold, with the op's five header fields and no key twice; any other line is
 * refused whole (nothing added) and the reader parses it the general way, which also names what is
 * wrong with a bad one. What the columns then give back is what JSON.parse gives for the line.
 */

const QUOTE = 34;
const COMMA = 44;
const COLON = 58;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;
const MINUS = 45;
const ZERO = 48;
const NINE = 57;

interface Name { bytes: Uint8Array; id: number }
const names = (entries: readonly (readonly [string, number])[]): readonly Name[] => entries.map(([name, id]) => ({ bytes: Buffer.from(name, 'latin1'), id }));
const TOP = names([['index', KEY.index], ['time', KEY.time], ['type', KEY.type], ['process', KEY.process], ['f', KEY.f], ['value', KEY.value], ['node', KEY.node]]);
const VALUE = names([['lock', KEY.lock], ['token', KEY.token], ['key', KEY.key], ['length', KEY.length], ['version', KEY.version], ['element', KEY.element],
  ['base', KEY.base], ['released', KEY.released], ['rejected', KEY.rejected], ['node', KEY.valueNode]]);
const TYPE_NAMES = ['invoke', 'ok', 'fail', 'info'];
const REQUIRED = (1 << KEY.index) | (1 << KEY.time) | (1 << KEY.type) | (1 << KEY.process) | (1 << KEY.f);

export class OpLineParser {
  private readonly fields = newOpFields();

  /** `json`: the reader's parser, whose cache of shared strings this shares. */
  constructor(private readonly table: OpTable, private readonly json: PlainJsonParser = new PlainJsonParser()) {}

  /** Adds the line bytes[start, end) to the table and says true, or adds nothing and says false. */
  parse(bytes: Buffer, start: number, end: number): boolean {
    const j = this.json;
    j.bytes = bytes;
    j.at = start;
    j.end = end;
    const fl = this.fields;
    fl.flags = 0;
    fl.token = undefined;
    fl.lock = '';
    fl.valueNode = '';
    if (bytes[j.at++] !== OPEN_OBJECT) return false;
    let path: KeyPath | null = this.table.root;
    let seen = 0;
    for (;;) {
      const id = this.key(TOP);
      if (id < 0 || (seen & (1 << id)) !== 0) return false;
      seen |= 1 << id;
      path = this.table.step(path, id);
      if (path === null) return false;
      if (id === KEY.value) {
        path = this.value(path);
        if (path === null) return false;
      } else if (!this.topField(id)) {
        return false;
      }
      const next = bytes[j.at++];
      if (next === CLOSE_OBJECT) break;
      if (next !== COMMA) return false;
    }
    if (j.at !== end || (seen & REQUIRED) !== REQUIRED) return false;
    fl.path = path;
    return this.table.appendFields(fl);
  }

  /** The id of the key at `at` among `among` (and steps past its colon), or -1. */
  private key(among: readonly Name[]): number {
    const j = this.json;
    const bytes = j.bytes;
    if (bytes[j.at] !== QUOTE) return -1;
    const from = j.at + 1;
    let quote = from;
    while (quote < j.end && bytes[quote] !== QUOTE) quote++;
    if (quote >= j.end || bytes[quote + 1] !== COLON) return -1;
    const length = quote - from;
    for (const name of among) {
      if (name.bytes.length !== length) continue;
      let same = true;
      for (let k = 0; k < length; k++) {
        if (bytes[from + k] !== name.bytes[k]) {
          same = false;
          break;
        }
      }
      if (same) {
        j.at = quote + 2;
        return name.id;
      }
    }
    return -1;
  }

  private topField(id: number): boolean {
    const j = this.json;
    const fl = this.fields;
    if (id === KEY.process && j.bytes[j.at] === QUOTE) {
      if (j.string() !== 'nemesis') return false;
      fl.process = NaN;
      return true;
    }
    if (id === KEY.index || id === KEY.time || id === KEY.process) {
      const n = j.integer();
      if (n === NO) return false;
      if (id === KEY.index) fl.index = n as number;
      else if (id === KEY.time) fl.time = n as number;
      else fl.process = n as number;
      return true;
    }
    const s = j.bytes[j.at] === QUOTE ? j.string() : NO;
    if (typeof s !== 'string') return false;
    if (id === KEY.type) {
      fl.type = TYPE_NAMES.indexOf(s);
      return fl.type >= 0;
    }
    if (id === KEY.f) fl.f = s;
    else fl.node = s;
    return true;
  }

  /** The value object's members into the fields; the path past its end, or null. */
  private value(start: KeyPath): KeyPath | null {
    const j = this.json;
    const bytes = j.bytes;
    if (bytes[j.at++] !== OPEN_OBJECT) return null;
    let path: KeyPath | null = start;
    if (bytes[j.at] === CLOSE_OBJECT) {
      j.at++;
      return this.table.step(path, KEY.valueEnd);
    }
    let seen = 0;
    for (;;) {
      const id = this.key(VALUE);
      if (id < 0 || (seen & (1 << (id - KEY.lock))) !== 0 || !this.valueField(id)) return null;
      seen |= 1 << (id - KEY.lock);
      path = this.table.step(path, id);
      if (path === null) return null;
      const next = bytes[j.at++];
      if (next === CLOSE_OBJECT) return this.table.step(path, KEY.valueEnd);
      if (next !== COMMA) return null;
    }
  }

  /** A token: a decimal string read as its number when String(number) gives it back. */
  private token(c: number | undefined): boolean {
    const j = this.json;
    const fl = this.fields;
    if (c === QUOTE) {
      const n = this.decimalString();
      if (n !== null) {
        fl.flags |= FLAG.decimalToken;
        fl.tokenNumber = n;
        return true;
      }
      const s = j.string();
      if (s === NO) return false;
      fl.token = s;
      return true;
    }
    if (j.word() === null) {
      fl.flags |= FLAG.nullToken;
      return true;
    }
    const n = j.integer();
    if (n === NO) return false;
    fl.flags |= FLAG.numberToken;
    fl.tokenNumber = n as number;
    return true;
  }

  /** The number of a quoted canonical decimal of at most 15 digits at `at` (and steps past it), or
   * null (nothing read). */
  private decimalString(): number | null {
    const j = this.json;
    const bytes = j.bytes;
    let i = j.at + 1;
    const negative = bytes[i] === MINUS;
    if (negative) i++;
    const first = i;
    let n = 0;
    for (; i < j.end; i++) {
      const c = bytes[i] as number;
      if (c < ZERO || c > NINE) break;
      n = n * 10 + (c - ZERO);
    }
    const digits = i - first;
    if (bytes[i] !== QUOTE || digits === 0 || digits > 15 || (bytes[first] === ZERO && (digits > 1 || negative))) return null;
    j.at = i + 1;
    return negative ? -n : n;
  }

  private valueField(id: number): boolean {
    const j = this.json;
    const fl = this.fields;
    const c = j.bytes[j.at];
    if (id === KEY.lock || id === KEY.valueNode) {
      const s = c === QUOTE ? j.string() : NO;
      if (typeof s !== 'string' || s === '') return false;
      if (id === KEY.lock) fl.lock = s;
      else fl.valueNode = s;
      return true;
    }
    if (id === KEY.released || id === KEY.rejected) {
      const b = j.word();
      if (typeof b !== 'boolean') return false;
      if (b) fl.flags |= id === KEY.released ? FLAG.released : FLAG.rejected;
      return true;
    }
    if (id === KEY.token) return this.token(c);
    const n = j.integer();
    if (typeof n !== 'number' || (n | 0) !== n || Object.is(n, -0)) return false;
    fl.ints[id - FIRST_INT] = n;
    return true;
  }
}
