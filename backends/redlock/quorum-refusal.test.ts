import { describe, expect, it } from 'vitest';
import { ExecutionError, ResourceLockedError, type ExecutionStats } from 'redlock';
import { certainlyNoMajority } from './quorum-refusal.js';

// Five nodes stand in as five distinct objects; certainlyNoMajority looks only at who voted how.
const nodes = [{}, {}, {}, {}, {}] as never[];
type Vote = 'for' | 'locked' | 'timeout' | 'down';

function attempt(votes: Vote[]): Promise<ExecutionStats> {
  const votesFor = new Set<never>();
  const votesAgainst = new Map<never, Error>();
  votes.forEach((vote, i) => {
    const node = nodes[i] as never;
    if (vote === 'for') votesFor.add(node);
    else if (vote === 'locked') votesAgainst.set(node, new ResourceLockedError('The operation was applied to: 0 of the 1 requested resources.'));
    else if (vote === 'timeout') votesAgainst.set(node, new Error('Command timed out'));
    else votesAgainst.set(node, new Error("Stream isn't writeable and enableOfflineQueue options is false"));
  });
  return Promise.resolve({ membershipSize: 5, quorumSize: 3, votesFor, votesAgainst });
}

const failed = (...attempts: Vote[][]): ExecutionError => new ExecutionError('no quorum', attempts.map(attempt));

describe('certainlyNoMajority', () => {
  it('is certain when the other nodes answered that the key is another\'s', async () => {
    expect(await certainlyNoMajority(failed(['for', 'for', 'locked', 'locked', 'locked']), { downMayHold: false })).toBe(true);
  });

  it('is unknown when timeouts could complete a majority: those SETs may have been applied', async () => {
    expect(await certainlyNoMajority(failed(['for', 'for', 'timeout', 'locked', 'locked']), { downMayHold: false })).toBe(false);
    expect(await certainlyNoMajority(failed(['locked', 'locked', 'locked', 'timeout', 'timeout']), { downMayHold: false })).toBe(true);
  });

  it('adds up the attempts of one call: they all send the same value', async () => {
    // Attempt 1 set it on n1 and n2, attempt 2 on n3 (n1 and n2 refuse their own key): a majority.
    expect(await certainlyNoMajority(failed(['for', 'for', 'locked', 'locked', 'locked'], ['locked', 'locked', 'for', 'locked', 'locked']), { downMayHold: false })).toBe(false);
  });

  it('counts a node that was never written to as holding nothing for an acquire, and as unknown for a release', async () => {
    const down = failed(['for', 'for', 'down', 'locked', 'locked']);
    expect(await certainlyNoMajority(down, { downMayHold: false })).toBe(true);
    expect(await certainlyNoMajority(failed(['for', 'for', 'down', 'locked', 'locked']), { downMayHold: true })).toBe(false);
  });

  it('is unknown for an error that is not redlock\'s verdict, and for no attempt at all', async () => {
    expect(await certainlyNoMajority(new Error('Connection is closed.'), { downMayHold: false })).toBe(false);
    expect(await certainlyNoMajority(new ExecutionError('Cannot extend an already-expired lock.', []), { downMayHold: true })).toBe(false);
  });
});
