import type { LinOp, LinStatus } from './lin-op.js';

/** Test helper: an op from [process, f, input, output, status, call, ret, key?]. */
export type OpSpec = [process: number, f: string, input: unknown, output: unknown, status: LinStatus, call: number, ret: number, key?: string];

export function opsOf(specs: readonly OpSpec[]): LinOp[] {
  return specs.map(([process, f, input, output, status, call, ret, key], id) => ({
    id, process, f, input, output, status, call, ret, ...(key === undefined ? {} : { key }),
  }));
}
