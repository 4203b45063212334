import type { LockClientConfig } from '../backends/lock-client.js';

/**
 * The wire protocol between the harness and a lock-client process. The client listens on
 * CLIENT_PORT inside its container; the harness connects to the container's address and sends one
 * request at a time as a line of JSON; the client answers each with one line of JSON carrying the
 * same id. The harness stamps times, so the protocol carries none.
 */

export const CLIENT_PORT = 7070;

export type ClientF = 'acquire' | 'read' | 'write' | 'release';

/** A fencing token as the history, the protocol and the register carry it: a decimal or opaque string. */
export type Token = string | null;

export interface ClientRequest {
  id: number;
  f: ClientF;
  value: { token?: Token; value?: number[]; element?: number };
}

export interface ClientReply {
  id: number;
  /** ok: it happened; fail: it certainly did not happen; info: the client cannot tell. */
  type: 'ok' | 'fail' | 'info';
  value?: Record<string, unknown>;
  error?: string;
}

/** What a careful client does once its lease is known lost (`--on-lease-lost`). */
export type OnLeaseLost = 'continue' | 'abort';
export const ON_LEASE_LOST: readonly OnLeaseLost[] = ['continue', 'abort'];

/** What a client process is started with (JSON in the FENCECHECK_CLIENT environment variable). */
export interface ClientConfig extends LockClientConfig {
  register: { host: string; port: number };
  /** abort: a write answers `fail` once the recipe says its lease is lost (LockClient.leaseLost). */
  onLeaseLost: OnLeaseLost;
}

export const CLIENT_CONFIG_ENV = 'FENCECHECK_CLIENT';
