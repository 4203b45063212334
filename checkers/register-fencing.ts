import type { RegisterEntry } from './history.js';
import { orderedTokenValue } from './token.js';

/** A request the register accepted although its token was lower than one it had accepted before.
 * Tokens as decimal text (JSON has no big integers). */
export interface StaleAccept { seq: number; op: 'read' | 'write'; process: number; token: string; highest: string; timeMs: number }

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
  /** Requests whose token order cannot be checked (opaque, or a JSON number past 2^53). */
  unordered: number;
}

/** Replays the register log in seq order, recomputing the highest accepted tokens itself rather
 * than trusting the register's own `highest` field. Tokens compare by value, exactly. */
export function registerFencing(log: readonly RegisterEntry[]): RegisterFencing {
  const out: RegisterFencing = { staleWrites: [], staleRequests: [], rejected: { read: 0, write: 0 }, rejectedStale: 0, tokenless: 0, unordered: 0 };
  let highestAny: number | bigint | null = null;
  let highestWrite: number | bigint | null = null;
  for (const e of log) {
    if (e.op === 'final-read') continue;
    const tokenless = e.token === null || e.token === undefined;
    const token = orderedTokenValue(e.token);
    if (!tokenless && token === null) out.unordered++;
    if (e.decision === 'rejected') {
      out.rejected[e.op]++;
      if (token !== null && highestAny !== null && token < highestAny) out.rejectedStale++;
      continue;
    }
    if (tokenless) out.tokenless++;
    if (token === null) continue;
    if (highestAny !== null && token < highestAny) out.staleRequests.push(staleAccept(e, token, highestAny));
    if (e.op === 'write' && highestWrite !== null && token < highestWrite) out.staleWrites.push(staleAccept(e, token, highestWrite));
    if (highestAny === null || token > highestAny) highestAny = token;
    if (e.op === 'write' && (highestWrite === null || token > highestWrite)) highestWrite = token;
  }
  return out;
}

function staleAccept(e: RegisterEntry, token: number | bigint, highest: number | bigint): StaleAccept {
  return { seq: e.seq, op: e.op as 'read' | 'write', process: e.process, token: String(token), timeMs: e.time / 1e6, highest: String(highest) };
}
