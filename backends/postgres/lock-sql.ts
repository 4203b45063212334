import { createHash } from 'node:crypto';

/** The sequence every grant takes its fencing token from; the deploy creates it. */
export const TOKEN_SEQUENCE = 'fencecheck_token';

/** Creates the token sequence; run once by the deploy, before any client starts. */
export const CREATE_TOKEN_SEQUENCE = `CREATE SEQUENCE IF NOT EXISTS ${TOKEN_SEQUENCE}`;

/**
 * The advisory-lock key of a lock name: the first 64 bits of its SHA-256, as the signed bigint
 * literal the lock functions take. A number of our own making, so it is safe to put in SQL text
 * (the recipes send simple multi-statement queries, which take no parameters).
 */
export function advisoryKey(lock: string): string {
  return createHash('sha256').update(`fencecheck:${lock}`).digest().readBigInt64BE(0).toString();
}

/**
 * The token and the server session, taken on the connection that was just granted the lock. The
 * session's process id says which server session holds it (pg_terminate_backend takes it).
 */
export const TOKEN_QUERY = `SELECT nextval('${TOKEN_SEQUENCE}')::text AS token, pg_backend_pid() AS session`;

/** lock_timeout in whole milliseconds (the server's unit), never 0, which would mean "wait forever". */
export function lockTimeout(ms: number): number {
  return Math.max(1, Math.round(ms));
}
