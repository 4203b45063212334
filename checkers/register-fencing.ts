import type { RegisterEntry } from './history.js';

/** A request the register accepted although its token was lower than one it had accepted before. */
export interface StaleAccept { seq: number; op: 'read' | 'write'; process: number; token: number; highest: number; timeMs: number }

export interface RegisterFencing {
  /** Accepted writes with a token below the highest token of an earlier accepted write: what write
   * fencing must refuse. */
  staleWrites: StaleAccept[];
  /** Accepted reads or writes with a token below the highest token of any earlier accepted request:
   * what full fencing must refuse (a superset of staleWrites). */
  staleRequests: StaleAccept[];
  rejected: { read: number; write: number };
  /** Rejected requests whose token was below the highest accepted token: fencing at work. */
  rejectedStale: number;
  /** Requests without a token: they cannot be fenced. */
  tokenless: number;
}

/** Replays the register log in seq order, recomputing the highest accepted tokens itself rather
 * than trusting the register's own `highest` field. */
export function registerFencing(log: readonly RegisterEntry[]): RegisterFencing {
  const out: RegisterFencing = { staleWrites: [], staleRequests: [], rejected: { read: 0, write: 0 }, rejectedStale: 0, tokenless: 0 };
  let highestAny = -Infinity;
  let highestWrite = -Infinity;
  for (const e of log) {
    if (e.op === 'final-read') continue;
    if (e.decision === 'rejected') {
      out.rejected[e.op]++;
      if (e.token !== null && e.token < highestAny) out.rejectedStale++;
      continue;
    }
    if (e.token === null) {
      out.tokenless++;
      continue;
    }
    const stale = { seq: e.seq, op: e.op, process: e.process, token: e.token, timeMs: e.time / 1e6 };
    if (e.token < highestAny) out.staleRequests.push({ ...stale, highest: highestAny });
    if (e.op === 'write' && e.token < highestWrite) out.staleWrites.push({ ...stale, highest: highestWrite });
    highestAny = Math.max(highestAny, e.token);
    if (e.op === 'write') highestWrite = Math.max(highestWrite, e.token);
  }
  return out;
}
