import type { Backend } from '../backends/backend.js';
import type { Fault } from '../nemesis/fault.js';
import { faultTouchesNodes, parseNemesis } from '../nemesis/registry.js';
import { TestOptionsError } from './test-options.js';

/** The faults of `--nemesis`, those acting on nodes checked against what the backend's nodes can undergo; a one-line TestOptionsError otherwise. */
export function faultsFor(backend: Backend, spec: string): Fault[] {
  let faults: Fault[];
  try {
    faults = parseNemesis(spec);
  } catch (err) {
    throw new TestOptionsError((err as Error).message, { cause: err });
  }
  // A fault on clients only (holder, client) acts on the client containers, which every backend shares.
  for (const fault of faults.filter(faultTouchesNodes)) {
    const why = backend.faultNotApplicable(fault.kind);
    if (why !== null) throw new TestOptionsError(`${fault.name} cannot run on backend ${backend.name}: ${why}`);
  }
  return faults;
}
