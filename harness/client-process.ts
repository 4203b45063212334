import type { FaultTarget } from '../nemesis/fault-target.js';
import type { CycleClient } from '../workloads/register-cycle.js';

/**
 * One lock-client process in its own container, as the harness drives it. `process` is its id in
 * the history; it is never reused. After `retire` the process is gone for good (its container is
 * killed, its log kept).
 */
export interface ClientProcess extends CycleClient {
  /** Its container as faults see it (kind `client`). */
  readonly target: FaultTarget;
  retire(): Promise<void>;
}

/** Starts client processes; each call gives a new process with the given id. */
export interface ClientSpawner {
  spawn(process: number): Promise<ClientProcess>;
}
