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

/* The columns are set in setColumns, from one list in COLUMN_TYPES' order (hence the `!`). */
export class OpTable {
  private capacity: number;
  length = 0;
  private indexCol!: Float64Array;
  private timeCol!: Float64Array;
  private typeCol!: Uint8Array;
  /** NaN for the nemesis. */
  private processCol!: Float64Array;
  private fCol!: Uint32Array;
  /** 0: the line is kept whole (`kept`); otherwise 1 + its layout. */
  private layoutCol!: Uint16Array;
  private nodeCol!: Uint32Array;
  private lockCol!: Uint32Array;
  private valueNodeCol!: Uint32Array;
  private flagCol!: Uint8Array;
  private readonly intCols: Int32Array[];
  private tokenCol!: Float64Array;
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

  /** `capacity`: the expected number of lines; more are room made as they come. With `shared`,
   * the columns are views of shared memory (sharedColumns) from line `from` on: two tables, on two
   * threads, then fill one set of columns, and no line is copied from one to the other. */
  constructor(capacity = 1024, shared?: { buffers: readonly SharedArrayBuffer[]; from: number }) {
    this.capacity = shared ? capacity - shared.from : Math.max(16, capacity);
    const n = this.capacity;
    const columns = COLUMN_TYPES.map((T, k) => (shared ? new T(shared.buffers[k] as SharedArrayBuffer, shared.from * T.BYTES_PER_ELEMENT, n) : new T(n)));
    this.intCols = [];
    this.setColumns(columns);
  }

  private columns(): Column[] {
    return [this.indexCol, this.timeCol, this.typeCol, this.processCol, this.fCol, this.layoutCol, this.nodeCol, this.lockCol,
      this.valueNodeCol, this.flagCol, this.tokenCol, ...this.intCols];
  }

  /** Sets the columns from a list in COLUMN_TYPES' order. */
  private setColumns(c: readonly Column[]): void {
    [this.indexCol, this.timeCol, this.typeCol, this.processCol] = c as [Float64Array, Float64Array, Uint8Array, Float64Array];
    [, , , , this.fCol, this.layoutCol, this.nodeCol, this.lockCol, this.valueNodeCol] = c as [Column, Column, Column, Column, Uint32Array, Uint16Array, Uint32Array, Uint32Array, Uint32Array];
    this.flagCol = c[9] as Uint8Array;
    this.tokenCol = c[10] as Float64Array;
    for (let k = 0; k < INTS; k++) this.intCols[k] = c[11 + k] as Int32Array;
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

  /** What another table needs to adopt this table's lines (adoptBlock): all but the columns,
   * which are shared; null when they are not (a table that outgrew them has columns of its own). */
  meta(): TableMeta | null {
    if (!(this.indexCol.buffer instanceof SharedArrayBuffer)) return null;
    return { length: this.length, names: this.names, layouts: this.layouts.map((l) => [...l.ids]), kept: [...this.kept], otherTokens: [...this.otherTokens] };
  }

  /** Adopts the lines another table wrote into the same shared columns (`meta` of a table made
   * with `from`): moved down to follow this table's lines when there is a gap (blank lines), their
   * names and layouts renumbered in place. False (and nothing changed) when this table's columns
   * are not the shared ones, or the block does not lie past its lines. */
  adoptBlock(p: TableMeta, from: number, buffers: readonly SharedArrayBuffer[]): boolean {
    const columns = this.columns();
    if (from < this.length || columns.some((c, k) => c.buffer !== buffers[k]) || from + p.length > this.capacity) return false;
    const at = this.length;
    const n = p.length;
    if (from > at) for (const c of columns) c.copyWithin(at, from, from + n);
    // Names and layouts are numbered by the table that met them first: renumbered here.
    const name = Uint32Array.from(p.names, (s) => this.code(s));
    const shape = Uint16Array.from([0, ...p.layouts.map((ids) => this.layoutOfIds(ids))]);
    for (const col of [this.fCol, this.nodeCol, this.lockCol, this.valueNodeCol]) renumber(col, name, at, n);
    const layoutCol = this.layoutCol;
    for (let k = at; k < at + n; k++) layoutCol[k] = shape[layoutCol[k] as number] as number;
    for (const [k, op] of p.kept) this.kept.set(at + k, op);
    for (const [k, t] of p.otherTokens) this.otherTokens.set(at + k, t);
    this.length += n;
    return true;
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

  private grow(): void {
    const n = this.capacity * 2;
    this.setColumns(this.columns().map((a, k) => {
      const b = new (COLUMN_TYPES[k] as ColumnType)(n);
      b.set(a);
      return b;
    }));
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

/** A table's lines but for its shared columns, as one thread hands them to another. */
export interface TableMeta {
  length: number;
  names: string[];
  /** Each layout's key path, by layout - 1. */
  layouts: number[][];
  kept: [number, Op][];
  otherTokens: [number, unknown][];
}

type Column = Float64Array | Uint8Array | Uint16Array | Uint32Array | Int32Array;
type ColumnType = (new (...args: [number] | [ArrayBufferLike, number, number]) => Column) & { BYTES_PER_ELEMENT: number };

/** The columns' element types, in the order of OpTable's `columns()`: index, time, type,
 * process, f, layout, node, lock, value node, flags, token, then the integer value fields. */
const COLUMN_TYPES: readonly ColumnType[] = [Float64Array, Float64Array, Uint8Array, Float64Array, Uint32Array, Uint16Array,
  Uint32Array, Uint32Array, Uint32Array, Uint8Array, Float64Array, ...Array.from({ length: INTS }, () => Int32Array)];

/** Shared memory for the columns of `capacity` lines (an OpTable made with `shared`). Memory
 * never written to is never touched: room for more lines than come costs address space only. */
export function sharedColumns(capacity: number): SharedArrayBuffer[] {
  return COLUMN_TYPES.map((T) => new SharedArrayBuffer(capacity * T.BYTES_PER_ELEMENT));
}

/** col[at + k] = codes[col[at + k]], in place: one element type, so the loop stays fast. */
function renumber(col: Uint32Array, codes: Uint32Array, at: number, n: number): void {
  for (let k = at; k < at + n; k++) col[k] = codes[col[k] as number] as number;
}

const tables = new WeakMap<readonly Op[], OpTable>();

/** The table of a history: itself, or (made once per array) the table of an array of ops. */
export function tableOf(history: OpTable | readonly Op[]): OpTable {
  if (history instanceof OpTable) return history;
  let table = tables.get(history);
  if (table === undefined) tables.set(history, (table = OpTable.fromOps(history)));
  return table;
}
