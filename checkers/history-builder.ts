import type { NemesisValue, Op, OpType, ProcessId, RegisterEntry } from './history.js';

/**
 * Builds histories and register logs by hand (tests, benchmarks): times are given in ms and stored
 * in ns, indices and seqs are assigned in call order.
 */
export class HistoryBuilder {
  readonly ops: Op[] = [];
  readonly register: RegisterEntry[] = [];

  op(ms: number, process: ProcessId, type: OpType, f: string, value?: unknown, extra: Partial<Op> = {}): this {
    this.ops.push({ index: this.ops.length, time: ms * 1e6, type, process, f, ...(value === undefined ? {} : { value }), ...extra });
    return this;
  }

  invoke(ms: number, process: number, f: string, value?: unknown): this {
    return this.op(ms, process, 'invoke', f, value);
  }

  ok(ms: number, process: number, f: string, value?: unknown): this {
    return this.op(ms, process, 'ok', f, value);
  }

  fail(ms: number, process: number, f: string, value?: unknown): this {
    return this.op(ms, process, 'fail', f, value, { error: 'failed' });
  }

  info(ms: number, process: number, f: string, value?: unknown): this {
    return this.op(ms, process, 'info', f, value, { error: 'timeout' });
  }

  nemesis(ms: number, f: 'start' | 'stop', value: NemesisValue): this {
    return this.op(ms, 'nemesis', 'info', f, value);
  }

  /** An acquire invoked at `from` and granted at `to`. */
  acquire(from: number, to: number, process: number, token: number | null, lock = 'L'): this {
    return this.invoke(from, process, 'acquire', { lock }).ok(to, process, 'acquire', { lock, token });
  }

  /** A release invoked at `from` and answered at `to`. */
  release(from: number, to: number, process: number, token: number | null, released = true, lock = 'L'): this {
    return this.invoke(from, process, 'release', { lock, token }).ok(to, process, 'release', { lock, token, released });
  }

  /** A write of `value` (its last element is the new one) that ends with `type`. */
  write(from: number, to: number, process: number, token: number | null, value: number[], type: Exclude<OpType, 'invoke'> = 'ok'): this {
    const v = { lock: 'L', token, value, element: value[value.length - 1] };
    return this.invoke(from, process, 'write', v).op(to, process, type, 'write', type === 'fail' ? { ...v, rejected: true } : v);
  }

  /** A bounded write (DESIGN.md section 5): `element` added to `key` on top of version `base`. */
  keyedWrite(from: number, to: number, process: number, token: number | null, w: { key: number; element: number; base: number }, type: Exclude<OpType, 'invoke'> = 'ok'): this {
    const v = { lock: 'L', token, ...w };
    return this.invoke(from, process, 'write', v).op(to, process, type, 'write', type === 'fail' ? { ...v, rejected: true } : v);
  }

  /** The final read of one key. */
  keyedFinalRead(ms: number, key: number, value: number[]): this {
    return this.op(ms, -1, 'invoke', 'final-read', { key }).op(ms, -1, 'ok', 'final-read', { key, value });
  }

  finalRead(ms: number, value: number[]): this {
    return this.op(ms, -1, 'invoke', 'final-read', {}).op(ms, -1, 'ok', 'final-read', { value });
  }

  entry(ms: number, e: Omit<RegisterEntry, 'seq' | 'time' | 'highest'> & { highest?: number | null }): this {
    this.register.push({ highest: null, ...e, seq: this.register.length, time: ms * 1e6 });
    return this;
  }
}
