import { ExecutionError, ResourceLockedError } from 'redlock';
import { notSent } from '../redis/client.js';

/**
 * Whether a redlock operation failed because a quorum of nodes certainly refused it: every vote
 * against, in every attempt, was a node answering that the key is another's (or no longer ours),
 * or a command ioredis never wrote (no connection to that node). A timeout or a connection that
 * broke in flight may hide a write that was applied, so any other error leaves the outcome unknown.
 */
export async function refusedByQuorum(err: unknown): Promise<boolean> {
  if (!(err instanceof ExecutionError)) return false;
  const attempts = await Promise.all(err.attempts);
  return attempts.length > 0 && attempts.every((stats) =>
    [...stats.votesAgainst.values()].every((vote) => vote instanceof ResourceLockedError || notSent(vote)));
}
