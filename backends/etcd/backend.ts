import { randomBytes } from 'node:crypto';
import { problemOf, type Backend, type BackendNode, type DeployedBackend } from '../backend.js';
import { CLIENT_PORT, etcdCommand, leaseSeconds } from './etcd-flags.js';
import { leaderOf, memberStatus } from './etcd-status.js';
import { waitForLeader } from './wait-for-leader.js';

/** How long a member may take to answer a leader question before it counts as silent. */
const LEADER_ASK_MS = 1000;

const CLOCK_REFUSAL = 'etcd is a Go program: Go reads the clock through the vDSO and ignores LD_PRELOAD, so the clock '
  + 'library cannot reach it; and etcd times leases and elections on the monotonic clock, which no clock fault changes';

/** An etcd cluster (Debian's etcd 3.4.23 by default) and two lock recipes through the etcd3 package (client.ts). */
export const etcdBackend: Backend = {
  name: 'etcd',
  description: 'etcd cluster: lease + create-if-absent txn (etcd3), or the etcd3 package\'s own Lock; token: the key\'s create revision',
  images: ['etcd'],
  defaultNodes: 3,
  nodeCounts: [1, 3, 5],
  defaultTtlMs: 2000,
  recipes: [
    {
      name: 'lease',
      description: 'grant a lease of the TTL, create the key only if absent in a txn bound to it, keep the lease alive while holding, revoke on release',
      token: 'the key\'s create revision (the revision of the txn that created it)',
    },
    {
      name: 'etcd3-lock',
      description: 'the etcd3 package\'s Lock (lease + create-if-absent txn, auto keep-alive); it returns no revision, so the key is read back after the grant',
      token: 'the key\'s create revision, read back in a second request and kept only if the key is still bound to our lease',
    },
  ],
  options: [],
  faultNotApplicable(kind) {
    return kind.startsWith('clock-') ? CLOCK_REFUSAL : null;
  },
  settingsProblem: ({ ttlMs }) => problemOf(() => leaseSeconds(ttlMs)),
  async deploy({ cluster, images, nodes, ttlMs, timeoutMs, onProgress }): Promise<DeployedBackend> {
    const image = images.etcd;
    if (!image) throw new Error('the etcd image is missing');
    if (![1, 3, 5].includes(nodes)) throw new Error(`etcd runs 1, 3 or 5 members (got --nodes ${nodes})`);
    leaseSeconds(ttlMs);
    const names = Array.from({ length: nodes }, (_, i) => `n${i + 1}`);
    const clusterToken = `fencecheck-${cluster.runId}-${randomBytes(4).toString('hex')}`;
    const started = Date.now();
    // All at once (at most five): a member keeps dialling peers that are not up yet.
    const members: BackendNode[] = await Promise.all(names.map(async (name) => ({
      name,
      kind: 'node' as const,
      container: await cluster.add({
        name, image, cmd: etcdCommand({ name, members: names, clusterToken }), labels: { 'fencecheck.role': 'node' },
      }),
    })));
    const namesById = await waitForLeader(members, timeoutMs);
    onProgress(`etcd: ${nodes} member(s) agree on a leader after ${Date.now() - started} ms`);
    const addresses = members.map((m) => ({ name: m.name, host: m.container.ip, port: CLIENT_PORT }));

    return {
      nodes: members,
      addresses,
      async leader() {
        const answers = await Promise.all(addresses.map((a) => memberStatus({ name: a.name, host: a.host }, LEADER_ASK_MS).catch(() => null)));
        return leaderOf(answers.filter((a) => a !== null), namesById);
      },
      async restart(name) {
        const member = members.find((m) => m.name === name);
        if (!member) throw new Error(`etcd has no member ${name} (members: ${names.join(', ')})`);
        // Docker gives a restarted container its old address while no other took it; the wait
        // below, at that address, fails with the member's log if it did not.
        await member.container.restart();
        // Only this member: another may still be down by another fault.
        await waitForLeader([member], timeoutMs);
      },
    };
  },
};
