import { describe, expect, it } from 'vitest';
import { leaderOf, parseSrvr } from './srvr.js';

const answer = (mode: string, zxid: string): string =>
  `Zookeeper version: 3.8.0-debian\nLatency min/avg/max: 0/0.0/0\nReceived: 3\nSent: 2\nConnections: 1\nOutstanding: 0\nZxid: ${zxid}\nMode: ${mode}\nNode count: 5\n`;

describe('srvr', () => {
  it('reads the mode and the zxid', () => {
    expect(parseSrvr('n2', answer('leader', '0x200000004'))).toEqual({ node: 'n2', mode: 'leader', zxid: 0x200000004n });
    expect(parseSrvr('n1', 'This ZooKeeper instance is not currently serving requests\n')).toEqual({ node: 'n1', mode: 'unknown', zxid: 0n });
  });

  it('names the leader of the newest epoch, or none', () => {
    const deposed = parseSrvr('n1', answer('leader', '0x1000000ff'));
    const elected = parseSrvr('n3', answer('leader', '0x200000000'));
    const follower = parseSrvr('n2', answer('follower', '0x200000000'));
    expect(leaderOf([deposed, follower, elected])).toBe('n3');
    expect(leaderOf([follower])).toBeNull();
    expect(leaderOf([parseSrvr('n1', answer('standalone', '0x1'))])).toBe('n1');
  });
});
