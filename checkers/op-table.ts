import { Shape } from '../lib/object-shapes.js';
import type { Op, OpType, ProcessId } from './history.js';
import { FIRST_INT, FLAG, INTS, KEY, KeyPath, newOpFields, NUMERIC_TOKEN, opFieldsOf, TOP_NAMES, TYPES, VALUE_ID, VALUE_NAMES, type OpFields } from './op-fields.js';

/**
 * A history held in columns: the form every checker reads (through checkers/open-ops.ts).
 *
 * Why columns: an op as a JavaScript object costs about 200 bytes of heap (the op, its value, a
 * boxed time) and its share of the collector's work; an hour-long run has two million of them.
 * Here a lock-workload line costs some 70 bytes of typed arrays and no object at all, and `op(i)`
 * makes the object again, equal to what the line parsed to, key order included, only when a
 * caller asks for it (a counterexample, a report, a test).
 *
 * What fits the columns: an op whose keys are among index, time, type, process, f, value and node,
 * whose value (if any) is an object whose keys are among the lock workload's fields with their
 * types (strings for lock and node, a token field, 32-bit integers, booleans). Any other line (a
 * nemesis op, an error text, a final read's list, a field of another type or name) is kept as the
 * object it is: its header is in the columns all the same, so pairing reads every line alike.
 * A table made from objects (`fromOps`: tests, other formats, the in-memory harness) keeps them
 * and gives the very same objects back.
 */

const MAX_CODE = 0xffff;
/** Past this many key paths (a file of ever-new key orders) lines are kept as objects. */
const MAX_PATHS = 4096;
const RELEASED = FLAG.released;
const REJECTED = FLAG.rejected;

/** What valueField gives for a field the value does not have. */
export const ABSENT = Symbol('absent');

interface Layout {
  /** Its key path. */
  ids: readonly number[];
  top: Shape;
  value: Shape | null;
  /** The key ids of `top` and `value`, in order. */
  topIds: readonly number[];
  valueIds: readonly number[];
  hasNode: boolean;
  /** Bits (1 << id) of the value keys it holds. */
  valueBits: number;
}

export class OpTable {
  private capacity: number;
  length = 0;
  private indexCol: Float64Array;
  private timeCol: Float64Array;
  private typeCol: Uint8Array;
  /** NaN for the nemesis. */
  private processCol: Float64Array;
  private fCol: Uint32Array;
  /** 0: the line is kept whole (`kept`); otherwise 1 + its layout. */
  private layoutCol: Uint16Array;
  private nodeCol: Uint32Array;
  private lockCol: Uint32Array;
  private valueNodeCol: Uint32Array;
  private flagCol: Uint8Array;
  private readonly intCols: Int32Array[];
  private tokenCol: Float64Array;
  /** Tokens of no kind FLAG names (opaque strings, long decimals), by position. */
  private readonly otherTokens = new Map<number, unknown>();
  private readonly names: string[] = [];
  private readonly nameCodes = new Map<string, number>();
  private readonly layouts: Layout[] = [];
  readonly root = new KeyPath([]);
  private paths = 1;
  /** Lines kept as objects: every line of a table made from objects, odd lines of a file. */
  private readonly kept = new Map<number, Op>();
  private readonly fields = newOpFields();
  private readonly stepper = (path: KeyPath, id: number): KeyPath | null => this.step(path, id);
  private readonly scratch: unknown[] = [];
  private readonly valueScratch: unknown[] = [];

  /** `capacity`: the expected number of lines; more are room made as they come. */
  constructor(capacity = 1024) {
    this.capacity = Math.max(16, capacity);
    const n = this.capacity;
    this.indexCol = new Float64Array(n);
    this.timeCol = new Float64Array(n);
    this.typeCol = new Uint8Array(n);
    this.processCol = new Float64Array(n);
    this.fCol = new Uint32Array(n);
    this.layoutCol = new Uint16Array(n);
    this.nodeCol = new Uint32Array(n);
    this.lockCol = new Uint32Array(n);
    this.valueNodeCol = new Uint32Array(n);
    this.flagCol = new Uint8Array(n);
    this.tokenCol = new Float64Array(n);
    this.intCols = Array.from({ length: INTS }, () => new Int32Array(n));
  }

  /** A table of these ops, which `op(i)` then returns as they are. The caller has checked each
   * op's header fields (index, time, type, process, f). */
  static fromOps(ops: readonly Op[]): OpTable {
    const table = new OpTable(ops.length);
    for (const op of ops) table.keep(op);
    return table;
  }

  /** The path one key longer, or null past the limit of paths (unless `always`). */
  step(path: KeyPath, id: number, always = false): KeyPath | null {
    const found = path.next[id];
    if (found !== undefined) return found;
    if (this.paths >= MAX_PATHS && !always) return null;
    this.paths++;
    return (path.next[id] = new KeyPath([...path.ids, id]));
  }

  /** Adds a line whose header fields are valid (the reader checked them): in the columns when
   * they take it, else kept as it is. */
  append(op: Op): void {
    const fields = this.fields;
    if (!opFieldsOf(op as unknown as Record<string, unknown>, fields, this.root, this.stepper) || !this.appendFields(fields)) this.keep(op);
  }

  /** Adds a line from its fields when the columns take it; false (and nothing added) when not. */
  appendFields(fl: OpFields): boolean {
    const path = fl.path;
    if (path === null) return false;
    const layout = path.layout !== 0 ? path.layout : this.layoutOf(path);
    if (layout === 0) return false;
    const l = this.layouts[layout - 1] as Layout;
    const i = this.header(fl.index, fl.time, fl.type, fl.process, fl.f);
    this.layoutCol[i] = layout;
    if (l.hasNode) this.nodeCol[i] = this.code(fl.node);
    if (fl.lock !== '') this.lockCol[i] = this.code(fl.lock);
    if (fl.valueNode !== '') this.valueNodeCol[i] = this.code(fl.valueNode);
    this.flagCol[i] = fl.flags;
    if (l.value !== null) {
      if ((fl.flags & NUMERIC_TOKEN) !== 0) this.tokenCol[i] = fl.tokenNumber;
      else if ((l.valueBits & (1 << KEY.token)) !== 0 && (fl.flags & FLAG.nullToken) === 0) this.otherTokens.set(i, fl.token);
      for (let k = 0; k < INTS; k++) (this.intCols[k] as Int32Array)[i] = fl.ints[k] as number;
    }
    return true;
  }

  /** The table as transferable parts (another thread read it); it is not to be used after. */
  toParts(): { parts: TableParts; transfer: ArrayBuffer[] } {
    const columns = [this.indexCol, this.timeCol, this.typeCol, this.processCol, this.fCol, this.layoutCol, this.nodeCol, this.lockCol,
      this.valueNodeCol, this.flagCol, this.tokenCol, ...this.intCols];
    const parts: TableParts = { length: this.length, columns, names: this.names, layouts: this.layouts.map((l) => [...l.ids]),
      kept: [...this.kept], otherTokens: [...this.otherTokens] };
    return { parts, transfer: columns.map((c) => c.buffer as ArrayBuffer) };
  }

  /** Appends the lines of another table's parts, after this table's own. */
  appendParts(p: TableParts): void {
    if (this.capacity < this.length + p.length) this.grow(this.length + p.length);
    const at = this.length;
    const [index, time, type, process, f, layout, node, lock, valueNode, flags, token, ...ints] = p.columns;
    const n = p.length;
    const copy = (to: Float64Array | Uint8Array | Int32Array, from: Float64Array | Uint8Array | Int32Array): void => to.set(from.subarray(0, n), at);
    copy(this.indexCol, index as Float64Array);
    copy(this.timeCol, time as Float64Array);
    copy(this.typeCol, type as Uint8Array);
    copy(this.processCol, process as Float64Array);
    copy(this.flagCol, flags as Uint8Array);
    copy(this.tokenCol, token as Float64Array);
    ints.forEach((col, k) => copy(this.intCols[k] as Int32Array, col as Int32Array));
    // Names and layouts are numbered by the table that met them first: renumbered here.
    const name = Uint32Array.from(p.names, (s) => this.code(s));
    const shape = Uint16Array.from([0, ...p.layouts.map((ids) => this.layoutOfIds(ids))]);
    renumber(this.fCol, f as Uint32Array, name, at, n);
    renumber(this.nodeCol, node as Uint32Array, name, at, n);
    renumber(this.lockCol, lock as Uint32Array, name, at, n);
    renumber(this.valueNodeCol, valueNode as Uint32Array, name, at, n);
    const layoutCol = this.layoutCol;
    const from = layout as Uint16Array;
    for (let k = 0; k < n; k++) layoutCol[at + k] = shape[from[k] as number] as number;
    for (const [k, op] of p.kept) this.kept.set(at + k, op);
    for (const [k, t] of p.otherTokens) this.otherTokens.set(at + k, t);
    this.length += n;
  }

  private layoutOfIds(ids: readonly number[]): number {
    let path = this.root;
    for (const id of ids) path = this.step(path, id, true) as KeyPath;
    return path.layout !== 0 ? path.layout : this.layoutOf(path);
  }

  private keep(op: Op): void {
    const type = TYPES.indexOf(op.type);
    // The columns could not tell such an op from the nemesis's or from an invocation.
    if (type < 0 || (op.process !== 'nemesis' && typeof op.process !== 'number')) {
      throw new TypeError(`op at index ${op.index}: type must be invoke | ok | fail | info and process an integer or "nemesis", got ${JSON.stringify(op.type)} and ${JSON.stringify(op.process)}`);
    }
    const i = this.header(op.index, op.time, type, op.process === 'nemesis' ? NaN : op.process, op.f);
    this.layoutCol[i] = 0;
    this.kept.set(i, op);
  }

  private header(index: number, time: number, type: number, process: number, f: string): number {
    if (this.length === this.capacity) this.grow();
    const i = this.length++;
    this.indexCol[i] = index;
    this.timeCol[i] = time;
    this.typeCol[i] = type;
    this.processCol[i] = process;
    this.fCol[i] = this.code(f);
    return i;
  }

  /** 1 + the layout of a full line's path (made on first sight), or 0 past the limit. */
  private layoutOf(path: KeyPath): number {
    if (this.layouts.length >= MAX_CODE) return 0;
    const ids = path.ids;
    const at = ids.indexOf(KEY.value);
    const valueIds = at < 0 ? [] : ids.slice(at + 1, ids.indexOf(KEY.valueEnd));
    const topIds = at < 0 ? ids : [...ids.slice(0, at + 1), ...ids.slice(ids.indexOf(KEY.valueEnd) + 1)];
    this.layouts.push({
      ids,
      top: new Shape(topIds.map((id) => TOP_NAMES[id] as string)),
      value: at < 0 ? null : new Shape(valueIds.map((id) => VALUE_NAMES[id - KEY.lock] as string)),
      topIds, valueIds, hasNode: topIds.includes(KEY.node),
      valueBits: valueIds.reduce((bits, id) => bits | (1 << id), 0),
    });
    path.layout = this.layouts.length;
    return path.layout;
  }

  private code(name: string): number {
    let code = this.nameCodes.get(name);
    if (code === undefined) {
      code = this.names.length;
      this.names.push(name);
      this.nameCodes.set(name, code);
    }
    return code;
  }

  private grow(atLeast = 0): void {
    const n = Math.max(this.capacity * 2, atLeast);
    const more = <T extends Float64Array | Uint8Array | Uint16Array | Uint32Array | Int32Array>(a: T, make: new (n: number) => T): T => {
      const b = new make(n);
      b.set(a);
      return b;
    };
    this.indexCol = more(this.indexCol, Float64Array);
    this.timeCol = more(this.timeCol, Float64Array);
    this.typeCol = more(this.typeCol, Uint8Array);
    this.processCol = more(this.processCol, Float64Array);
    this.fCol = more(this.fCol, Uint32Array);
    this.layoutCol = more(this.layoutCol, Uint16Array);
    this.nodeCol = more(this.nodeCol, Uint32Array);
    this.lockCol = more(this.lockCol, Uint32Array);
    this.valueNodeCol = more(this.valueNodeCol, Uint32Array);
    this.flagCol = more(this.flagCol, Uint8Array);
    this.tokenCol = more(this.tokenCol, Float64Array);
    for (let k = 0; k < INTS; k++) this.intCols[k] = more(this.intCols[k] as Int32Array, Int32Array);
    this.capacity = n;
  }

  index(i: number): number {
    return this.indexCol[i] as number;
  }

  time(i: number): number {
    return this.timeCol[i] as number;
  }

  type(i: number): OpType {
    return TYPES[this.typeCol[i] as number] as OpType;
  }

  isNemesis(i: number): boolean {
    return Number.isNaN(this.processCol[i]);
  }

  process(i: number): ProcessId {
    const p = this.processCol[i] as number;
    return Number.isNaN(p) ? 'nemesis' : p;
  }

  f(i: number): string {
    return this.names[this.fCol[i] as number] as string;
  }

  /** The line as an op: the object it was made from, or one made from the columns. */
  op(i: number): Op {
    const layout = this.layoutCol[i] as number;
    if (layout === 0) return this.kept.get(i) as Op;
    const l = this.layouts[layout - 1] as Layout;
    const values = this.scratch;
    for (let k = 0; k < l.topIds.length; k++) values[k] = this.column(i, l.topIds[k] as number, l);
    return l.top.make(values) as unknown as Op;
  }

  /** Every line as an op (small histories: tests, messages). */
  toOps(): Op[] {
    return Array.from({ length: this.length }, (_, i) => this.op(i));
  }

  /** The line's value: the object it holds, or one made from the columns. */
  value(i: number): unknown {
    const layout = this.layoutCol[i] as number;
    if (layout === 0) return (this.kept.get(i) as Op).value;
    const l = this.layouts[layout - 1] as Layout;
    return l.value === null ? undefined : this.valueOf(i, l);
  }

  /** The node the op went through (its own field, not its value's), when recorded as a string. */
  node(i: number): string | undefined {
    const layout = this.layoutCol[i] as number;
    if (layout === 0) {
      const node = (this.kept.get(i) as Op).node;
      return typeof node === 'string' ? node : undefined;
    }
    return (this.layouts[layout - 1] as Layout).hasNode ? this.names[this.nodeCol[i] as number] : undefined;
  }

  /** The value's own field `name` (ABSENT when the value has no such field or is no object),
   * read from the columns without making the value. */
  valueField(i: number, name: string): unknown {
    const layout = this.layoutCol[i] as number;
    if (layout === 0) {
      const v = (this.kept.get(i) as Op).value;
      return typeof v === 'object' && v !== null && Object.hasOwn(v, name) ? (v as Record<string, unknown>)[name] : ABSENT;
    }
    const l = this.layouts[layout - 1] as Layout;
    const id = VALUE_ID.get(name);
    return id === undefined || (l.valueBits & (1 << id)) === 0 ? ABSENT : this.column(i, id, l);
  }

  /** Whether the line lives in the columns (its fields then have the lock workload's types). */
  inColumns(i: number): boolean {
    return this.layoutCol[i] !== 0;
  }

  private valueOf(i: number, l: Layout): Record<string, unknown> {
    const values = this.valueScratch;
    for (let k = 0; k < l.valueIds.length; k++) values[k] = this.column(i, l.valueIds[k] as number, l);
    return (l.value as Shape).make(values);
  }

  private tokenOf(i: number): unknown {
    const flags = this.flagCol[i] as number;
    if ((flags & FLAG.decimalToken) !== 0) return String(this.tokenCol[i]);
    if ((flags & FLAG.numberToken) !== 0) return this.tokenCol[i];
    return (flags & FLAG.nullToken) !== 0 ? null : this.otherTokens.get(i);
  }

  private column(i: number, id: number, l: Layout): unknown {
    switch (id) {
      case KEY.index: return this.indexCol[i];
      case KEY.time: return this.timeCol[i];
      case KEY.type: return TYPES[this.typeCol[i] as number];
      case KEY.process: return this.process(i);
      case KEY.f: return this.names[this.fCol[i] as number];
      case KEY.node: return this.names[this.nodeCol[i] as number];
      case KEY.value: return this.valueOf(i, l);
      case KEY.lock: return this.names[this.lockCol[i] as number];
      case KEY.valueNode: return this.names[this.valueNodeCol[i] as number];
      case KEY.token: return this.tokenOf(i);
      case KEY.released: return ((this.flagCol[i] as number) & RELEASED) !== 0;
      case KEY.rejected: return ((this.flagCol[i] as number) & REJECTED) !== 0;
      default: return (this.intCols[id - FIRST_INT] as Int32Array)[i];
    }
  }
}

/** A table's columns and what they refer to, as one thread hands them to another. */
export interface TableParts {
  length: number;
  columns: (Float64Array | Uint8Array | Uint16Array | Uint32Array | Int32Array)[];
  names: string[];
  /** Each layout's key path, by layout - 1. */
  layouts: number[][];
  kept: [number, Op][];
  otherTokens: [number, unknown][];
}

/** to[at + k] = codes[from[k]]: one element type, so the loop stays fast. */
function renumber(to: Uint32Array, from: Uint32Array, codes: Uint32Array, at: number, n: number): void {
  for (let k = 0; k < n; k++) to[at + k] = codes[from[k] as number] as number;
}

const tables = new WeakMap<readonly Op[], OpTable>();

/** The table of a history: itself, or (made once per array) the table of an array of ops. */
export function tableOf(history: OpTable | readonly Op[]): OpTable {
  if (history instanceof OpTable) return history;
  let table = tables.get(history);
  if (table === undefined) tables.set(history, (table = OpTable.fromOps(history)));
  return table;
}
