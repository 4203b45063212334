import type { OpType } from './history.js';
import { isTokenField } from './token.js';

/*
 * One history line's fields as the columns of op-table.ts hold them, and how an op object's fields
 * are read into them. A reader fills one OpFields for each line (op-line-parser.ts from bytes,
 * opFieldsOf from an object) and the table stores it.
 */

export const TYPES: readonly OpType[] = ['invoke', 'ok', 'fail', 'info'];

/** The keys the columns hold, by id: an op's own, then its value's (whose `node` is another key
 * than the op's). A line's key order is the path of ids it takes through a trie (KeyPath), the
 * value's keys between `value` and `valueEnd`. */
export const KEY = {
  index: 0, time: 1, type: 2, process: 3, f: 4, value: 5, node: 6,
  lock: 7, token: 8, key: 9, length: 10, version: 11, element: 12, base: 13, released: 14, rejected: 15, valueNode: 16,
  valueEnd: 17,
} as const;
export const TOP_NAMES = ['index', 'time', 'type', 'process', 'f', 'value', 'node'];
export const VALUE_NAMES = ['lock', 'token', 'key', 'length', 'version', 'element', 'base', 'released', 'rejected', 'node'];
/** The value keys held as 32-bit integers are ids FIRST_INT .. FIRST_INT + INTS - 1. */
export const FIRST_INT = KEY.key;
export const INTS = 5;
const TOP_ID = new Map(TOP_NAMES.map((name, id) => [name, id]));
export const VALUE_ID = new Map(VALUE_NAMES.map((name, k) => [name, KEY.lock + k]));
/** OpFields.flags: the values of `released` and `rejected` when present, and the kind of token:
 * a canonical decimal string of at most 15 digits or a JSON number (both in `tokenNumber`), null,
 * or, with none of these bits, any other (`token`). */
export const FLAG = { released: 1, rejected: 2, decimalToken: 4, numberToken: 8, nullToken: 16 } as const;
export const NUMERIC_TOKEN = FLAG.decimalToken | FLAG.numberToken;
const CANONICAL_DECIMAL = /^(0|-?[1-9]\d{0,14})$/;

/** A sequence of key ids from the start of a line; `layout` is 1 + its layout once it has one. */
export class KeyPath {
  readonly next: (KeyPath | undefined)[] = [];
  layout = 0;
  constructor(readonly ids: readonly number[]) {}
}

/** One line's fields, filled by a reader and stored by `appendFields`: one object reused for every
 * line, so a reader makes none. Strings are the reader's own (shared) strings. */
export interface OpFields {
  index: number;
  time: number;
  /** 0 invoke, 1 ok, 2 fail, 3 info. */
  type: number;
  /** NaN for the nemesis. */
  process: number;
  f: string;
  node: string;
  /** '' when absent: an empty one is not taken. */
  lock: string;
  valueNode: string;
  /** The token when it is none of the kinds FLAG names. */
  token: unknown;
  tokenNumber: number;
  /** The integer value fields, by id - FIRST_INT. */
  readonly ints: Int32Array;
  /** FLAG bits. */
  flags: number;
  /** The line's keys so far (`table.step`); null when the columns cannot take the line. */
  path: KeyPath | null;
}

export function newOpFields(): OpFields {
  return { index: 0, time: 0, type: 0, process: 0, f: '', node: '', lock: '', valueNode: '', token: null, tokenNumber: 0, ints: new Int32Array(INTS), flags: 0, path: null };
}

/** A key path one key longer, or null when the table takes no more paths. */
export type Step = (path: KeyPath, id: number) => KeyPath | null;

/** Fills `fl` from an op object whose header fields are valid, its key path from `root`; false
 * when the columns cannot take it. */
export function opFieldsOf(r: Record<string, unknown>, fl: OpFields, root: KeyPath, step: Step): boolean {
  fl.index = r.index as number;
  fl.time = r.time as number;
  fl.type = TYPES.indexOf(r.type as OpType);
  fl.process = r.process === 'nemesis' ? NaN : (r.process as number);
  fl.f = r.f as string;
  fl.lock = '';
  fl.valueNode = '';
  fl.token = undefined;
  fl.flags = 0;
  fl.ints.fill(0);
  let path: KeyPath | null = root;
  for (const key in r) {
    const id = TOP_ID.get(key);
    if (id === undefined || path === null) return false;
    if (id === KEY.node) {
      if (typeof r.node !== 'string') return false;
      fl.node = r.node;
    }
    path = step(path, id);
    if (id === KEY.value) {
      const v = r.value;
      if (typeof v !== 'object' || v === null || Array.isArray(v) || path === null) return false;
      path = valueFieldsOf(v as Record<string, unknown>, fl, path, step);
    }
  }
  fl.path = path;
  return path !== null;
}

function valueFieldsOf(v: Record<string, unknown>, fl: OpFields, start: KeyPath, step: Step): KeyPath | null {
  let path: KeyPath | null = start;
  for (const key in v) {
    const id = VALUE_ID.get(key);
    if (id === undefined || path === null) return null;
    const x = v[key];
    if (id === KEY.lock || id === KEY.valueNode) {
      if (typeof x !== 'string' || x === '') return null;
      if (id === KEY.lock) fl.lock = x;
      else fl.valueNode = x;
    } else if (id === KEY.token) {
      if (!isTokenField(x) || x === undefined) return null;
      if (x === null) fl.flags |= FLAG.nullToken;
      else if (typeof x === 'number') {
        fl.flags |= FLAG.numberToken;
        fl.tokenNumber = x;
      } else if (CANONICAL_DECIMAL.test(x as string)) {
        fl.flags |= FLAG.decimalToken;
        fl.tokenNumber = Number(x);
      } else fl.token = x;
    } else if (id === KEY.released || id === KEY.rejected) {
      if (typeof x !== 'boolean') return null;
      if (x) fl.flags |= id === KEY.released ? FLAG.released : FLAG.rejected;
    } else {
      if (typeof x !== 'number' || (x | 0) !== x || Object.is(x, -0)) return null;
      fl.ints[id - FIRST_INT] = x;
    }
    path = step(path, id);
  }
  return path === null ? null : step(path, KEY.valueEnd);
}
