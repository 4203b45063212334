import { describe, expect, it } from 'vitest';
import { ExecutionError, ResourceLockedError, type ExecutionStats } from 'redlock';
import { refusedByQuorum } from './quorum-refusal.js';

// Votes keyed by stand-ins for the clients: refusedByQuorum looks only at the errors.
function attempt(against: Error[]): Promise<ExecutionStats> {
  const votesAgainst = new Map<never, Error>(against.map((err, i) => [i as never, err]));
  return Promise.resolve({ membershipSize: 5, quorumSize: 3, votesFor: new Set(), votesAgainst });
}

const locked = (): Error => new ResourceLockedError('The operation was applied to: 0 of the 1 requested resources.');

describe('refusedByQuorum', () => {
  it('is a refusal when every vote against, in every attempt, says the key is another\'s', async () => {
    const err = new ExecutionError('no quorum', [attempt([locked(), locked(), locked()]), attempt([locked(), locked(), locked()])]);
    expect(await refusedByQuorum(err)).toBe(true);
  });

  it('is unknown when any vote against was a timeout: that SET may have been applied', async () => {
    const err = new ExecutionError('no quorum', [attempt([locked(), locked(), locked()]), attempt([locked(), locked(), new Error('Command timed out')])]);
    expect(await refusedByQuorum(err)).toBe(false);
  });

  it('is unknown for an error that is not redlock\'s verdict, and for no attempt at all', async () => {
    expect(await refusedByQuorum(new Error('Connection is closed.'))).toBe(false);
    expect(await refusedByQuorum(new ExecutionError('Cannot extend an already-expired lock.', []))).toBe(false);
  });
});

describe('refusedByQuorum with nodes down', () => {
  it('counts a command ioredis never wrote (node down, no offline queue) as a certain vote against', async () => {
    const err = new ExecutionError('no quorum', [attempt([locked(), new Error("Stream isn't writeable and enableOfflineQueue options is false"), locked()])]);
    expect(await refusedByQuorum(err)).toBe(true);
  });
});
