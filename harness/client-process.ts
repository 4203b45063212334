import type { ClientReply, ClientRequest } from '../workloads/protocol.js';

/**
 * One lock-client process in its own container, as the harness drives it. `process` is its id in
 * the history; it is never reused. After `retire` the process is gone for good (its container is
 * killed, its log kept).
 */
export interface ClientProcess {
  readonly process: number;
  /** The container's name, recorded as the op's node. */
  readonly name: string;
  call(req: Omit<ClientRequest, 'id'>, timeoutMs: number): Promise<ClientReply>;
  /** Pause (SIGSTOP) or resume (SIGCONT) the client's process. */
  signal(sig: 'SIGSTOP' | 'SIGCONT'): Promise<void>;
  retire(): Promise<void>;
}

/** Starts client processes; each call gives a new process with the given id. */
export interface ClientSpawner {
  spawn(process: number): Promise<ClientProcess>;
}
