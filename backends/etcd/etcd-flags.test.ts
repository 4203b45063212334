import { describe, expect, it } from 'vitest';
import { etcdCommand, leaseSeconds } from './etcd-flags.js';
import { leaderOf } from './etcd-status.js';

describe('etcd flags', () => {
  it('names every member in the initial cluster and listens on all interfaces', () => {
    const cmd = etcdCommand({ name: 'n2', members: ['n1', 'n2', 'n3'], clusterToken: 't' });
    const flag = (name: string): string | undefined => cmd[cmd.indexOf(name) + 1];
    expect(cmd[0]).toBe('etcd');
    expect(flag('--initial-cluster')).toBe('n1=http://n1:2380,n2=http://n2:2380,n3=http://n3:2380');
    expect(flag('--initial-advertise-peer-urls')).toBe('http://n2:2380');
    expect(flag('--listen-client-urls')).toBe('http://0.0.0.0:2379');
    expect(() => etcdCommand({ name: 'n4', members: ['n1'], clusterToken: 't' })).toThrow(/n4 is not in the cluster/);
  });

  it('takes whole-second TTLs from 2 s, refusing what etcd would change', () => {
    expect(leaseSeconds(2000)).toBe(2);
    expect(leaseSeconds(30_000)).toBe(30);
    expect(() => leaseSeconds(1500)).toThrow(/whole seconds/);
    expect(() => leaseSeconds(1000)).toThrow(/below 2 s/);
  });
});

describe('etcd leader', () => {
  const names = new Map([['11', 'n1'], ['22', 'n2'], ['33', 'n3']]);
  it('follows the answers of the highest term', () => {
    expect(leaderOf([
      { node: 'n1', memberId: '11', leaderId: '11', raftTerm: 2n },
      { node: 'n2', memberId: '22', leaderId: '33', raftTerm: 3n },
      { node: 'n3', memberId: '33', leaderId: '33', raftTerm: 3n },
    ], names)).toBe('n3');
    expect(leaderOf([{ node: 'n1', memberId: '11', leaderId: '0', raftTerm: 4n }], names)).toBeNull();
    expect(leaderOf([], names)).toBeNull();
  });
});
