/**
 * The wire protocol between the harness and a lock-client process. The client listens on
 * CLIENT_PORT inside its container; the harness connects to the container's address and sends one
 * request at a time as a line of JSON; the client answers each with one line of JSON carrying the
 * same id. The harness stamps times, so the protocol carries none.
 */

export const CLIENT_PORT = 7070;

export type ClientF = 'acquire' | 'read' | 'write' | 'release';

export interface ClientRequest {
  id: number;
  f: ClientF;
  value: { token?: number | null; value?: number[]; element?: number };
}

export interface ClientReply {
  id: number;
  /** ok: it happened; fail: it certainly did not happen; info: the client cannot tell. */
  type: 'ok' | 'fail' | 'info';
  value?: Record<string, unknown>;
  error?: string;
}

/** A lock node as a client reaches it. */
export interface NodeAddress { name: string; host: string; port: number }

/** What a client process is started with (JSON in the FENCECHECK_CLIENT environment variable). */
export interface ClientConfig {
  process: number;
  backend: string;
  nodes: NodeAddress[];
  lock: string;
  ttlMs: number;
  /** How long one acquire may wait for a busy lock before it gives up (a `fail`). */
  acquireTimeoutMs: number;
  /** How long one request to a lock node or the register may take before it is `info`. */
  requestTimeoutMs: number;
  register: { host: string; port: number };
}

export const CLIENT_CONFIG_ENV = 'FENCECHECK_CLIENT';
