import type { Backend, BackendNode, DeployedBackend } from '../backend.js';
import { leaderOf } from './srvr.js';
import { askMembers, waitForQuorum } from './wait-for-quorum.js';
import { CLIENT_PORT, sessionTtlProblem, zooCfg, zooCommand } from './zoo-cfg.js';

/** A ZooKeeper ensemble (Debian's 3.8.0 on OpenJDK 17 by default) and the ephemeral-sequential lock recipe (client.ts). */
export const zookeeperBackend: Backend = {
  name: 'zookeeper',
  description: 'ZooKeeper ensemble: ephemeral-sequential lock recipe (node-zookeeper-client), session timeout = TTL; token: the node\'s czxid',
  images: ['zookeeper'],
  defaultNodes: 3,
  nodeCounts: [1, 3, 5],
  recipes: [{
    name: 'ephemeral-sequential',
    description: 'create an ephemeral sequential node under the lock\'s path, wait for the deletion of the node before it, release by deleting it; session timeout = TTL',
    token: 'the lock node\'s czxid (the zxid of the transaction that created it)',
  }],
  options: [],
  // The clock library reaches the JVM, and clock faults do not need anything of the image beyond it.
  faultNotApplicable: () => null,
  settingsProblem: ({ ttlMs }) => sessionTtlProblem(ttlMs),
  async deploy({ cluster, images, nodes, ttlMs, timeoutMs, onProgress }): Promise<DeployedBackend> {
    const image = images.zookeeper;
    if (!image) throw new Error('the zookeeper image is missing');
    if (![1, 3, 5].includes(nodes)) throw new Error(`zookeeper runs 1, 3 or 5 members (got --nodes ${nodes})`);
    const names = Array.from({ length: nodes }, (_, i) => `n${i + 1}`);
    const cfg = zooCfg({ members: names, ttlMs });
    const started = Date.now();
    // All at once (at most five): members wait for each other's names anyway, and a JVM start is
    // the slow part of a deploy.
    const members: BackendNode[] = await Promise.all(names.map(async (name, i) => ({
      name,
      kind: 'node' as const,
      container: await cluster.add({
        name, image, cmd: zooCommand(names), labels: { 'fencecheck.role': 'node' },
        env: { FENCECHECK_ZOO_CFG: cfg, FENCECHECK_ZOO_MYID: String(i + 1) },
      }),
    })));
    await waitForQuorum(members, { timeoutMs, wholeEnsemble: true });
    onProgress(`zookeeper: ${nodes} member(s) serving with a leader after ${Date.now() - started} ms`);
    const addresses = members.map((m) => ({ name: m.name, host: m.container.ip, port: CLIENT_PORT }));

    return {
      nodes: members,
      addresses,
      leader: async () => leaderOf(await askMembers(addresses)),
      async restart(name) {
        const member = members.find((m) => m.name === name);
        if (!member) throw new Error(`zookeeper has no member ${name} (members: ${names.join(', ')})`);
        // Docker gives a restarted container its old address while no other took it; the wait
        // below, at that address, fails with the member's log if it did not.
        await member.container.restart();
        // Only this member: another may still be down by another fault.
        await waitForQuorum([member], { timeoutMs, wholeEnsemble: false });
      },
    };
  },
};
