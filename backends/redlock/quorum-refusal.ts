import { ExecutionError, ResourceLockedError, type ExecutionStats } from 'redlock';
import { notSent } from '../redis/not-sent.js';

type Vote = ExecutionStats['votesFor'] extends Set<infer C> ? C : never;

/**
 * Whether a failed redlock operation certainly did not reach a majority. One acquire call sends
 * the same value in every attempt, so the nodes that may hold it are those that voted for it in
 * any attempt, plus those whose answer is unknown (a timeout, a connection that broke in flight:
 * the command may have been applied). A node that answered that the key is another's certainly
 * did not take it; one ioredis never wrote to (no connection) did nothing, which for an acquire
 * means it does not hold our value, and for a release means we cannot tell (`downMayHold`).
 * Expiry is ignored: that only errs towards "unknown".
 */
export async function certainlyNoMajority(err: unknown, opts: { downMayHold: boolean }): Promise<boolean> {
  if (!(err instanceof ExecutionError)) return false;
  const attempts = await Promise.all(err.attempts);
  const first = attempts[0];
  if (!first) return false;
  const mayHold = new Set<Vote>();
  for (const stats of attempts) {
    for (const client of stats.votesFor) mayHold.add(client);
    for (const [client, vote] of stats.votesAgainst) {
      const refused = vote instanceof ResourceLockedError;
      const down = notSent(vote);
      if (!refused && (!down || opts.downMayHold)) mayHold.add(client);
    }
  }
  return mayHold.size < first.quorumSize;
}
