/**
 * One operation as the linearizability search sees it: an invocation paired with its completion.
 * Readers of every history format produce these; models interpret `f`, `input` and `output`.
 */
export type LinStatus = 'ok' | 'info' | 'fail';

export interface LinOp {
  /** Position in the checked history, 0-based; names the op in counterexamples. */
  id: number;
  process: number;
  f: string;
  /** What the invocation asked for (a write's value, a cas's [from, to], a key's new value). */
  input: unknown;
  /** What the completion said. `undefined` means nothing was observed (any value matches). */
  output: unknown;
  /** `ok`: it happened. `info`: unknown, it may take effect at any time after `call`, or never.
   * `fail`: it did not happen; readers emit it only where the format makes it an observation. */
  status: LinStatus;
  /** Invocation and completion positions on one clock (file position or nanoseconds). Intervals
   * are closed: an op completing at t is concurrent with one invoked at t. */
  call: number;
  /** Ignored for `info` ops, which stay open until the end of the history. */
  ret: number;
  /** Independent part of the state the op touches (a key, a lock name), for P-compositionality. */
  key?: string;
  /** Where the op came from (1-based line of the file), for messages. */
  line?: number;
}

/** A short human description such as `3 cas [1 2] -> fail`. */
export function describeLinOp(op: LinOp): string {
  const key = op.key === undefined ? '' : ` ${op.key}`;
  const input = op.input === undefined || op.input === null ? '' : ` ${show(op.input)}`;
  const output = op.status === 'info' ? 'unknown' : op.status === 'fail' ? 'fail' : op.output === undefined ? 'ok' : show(op.output);
  const line = op.line === undefined ? '' : ` (line ${op.line})`;
  return `#${op.id}${line} p${op.process} ${op.f}${key}${input} -> ${output}`;
}

function show(v: unknown): string {
  if (v === null) return 'nil';
  if (typeof v === 'string') return JSON.stringify(v);
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}
