import { problemOf, type Backend, type BackendNode, type DeployedBackend } from '../backend.js';
import { REDIS_PORT, startRedisNode, type RedisNode } from '../redlock/redis-node.js';
import { majorityAnswer, primaryAddresses } from './sentinel-command.js';
import { startSentinelNode, type SentinelNode } from './sentinel-node.js';
import { DEFAULT_DOWN_AFTER_MS, integerOption, SENTINEL_OPTIONS } from './sentinel-options.js';
import { waitForReplicas, waitForSentinels } from './sentinel-ready.js';
import { DATA_NODES, MASTER_NAME, SENTINEL_PORT, SENTINELS } from './topology.js';

const ASK_SENTINEL_MS = 1000;

/**
 * A Redis primary with two asynchronously replicating replicas, watched by three sentinels that
 * promote a replica when the primary goes silent. Nothing is kept on disk, so a killed node comes
 * back empty, and a grant the replicas had not received when the primary died is lost.
 */
export const redisSentinelBackend: Backend = {
  name: 'redis-sentinel',
  description: 'Redis primary + 2 async replicas + 3 sentinels (ioredis sentinel mode): SET NX PX and INCR token in one Lua script; a fail-over can lose both',
  images: ['redis', 'redis-sentinel'],
  defaultNodes: DATA_NODES.length,
  nodeCounts: [DATA_NODES.length],
  recipes: [{
    name: 'set-nx-px',
    description: 'SET key value NX PX ttl and INCR in one Lua script on the primary (found through the sentinels), optional WAIT for replicas; Lua compare-and-delete release',
    token: 'INCR counter on the primary, in the same Lua script as the grant; replicated asynchronously, so a fail-over can hand out a token again',
  }],
  options: SENTINEL_OPTIONS,
  settingsProblem: ({ options }) => problemOf(() => {
    integerOption(options, 'redis-wait', 0, 0, DATA_NODES.length - 1);
    integerOption(options, 'sentinel-down-after', DEFAULT_DOWN_AFTER_MS, 100, 60_000);
  }),
  faultNotApplicable: () => null,
  async deploy({ cluster, images, options, timeoutMs, onProgress }): Promise<DeployedBackend> {
    const redisImage = images.redis;
    const sentinelImage = images['redis-sentinel'];
    if (!redisImage || !sentinelImage) throw new Error('the redis and redis-sentinel images are missing');
    const wait = integerOption(options, 'redis-wait', 0, 0, DATA_NODES.length - 1);
    const downAfterMs = integerOption(options, 'sentinel-down-after', DEFAULT_DOWN_AFTER_MS, 100, 60_000);
    onProgress(`redis primary n1, replicas n2 n3, sentinels ${SENTINELS.join(' ')} (WAIT ${wait}, down after ${downAfterMs} ms)`);

    const [first, ...rest] = DATA_NODES;
    const primary = await startRedisNode({ cluster, name: first, image: redisImage, role: 'primary', timeoutMs });
    const data: RedisNode[] = [primary];
    for (const name of rest) {
      data.push(await startRedisNode({ cluster, name, image: redisImage, role: 'replica', timeoutMs,
        args: ['--replicaof', primary.container.ip, String(REDIS_PORT)] }));
    }
    await Promise.all(data.map((node) => node.serving()));
    await waitForReplicas({ host: primary.container.ip, port: REDIS_PORT }, rest.length, timeoutMs);

    const sentinels: SentinelNode[] = [];
    for (const name of SENTINELS) {
      sentinels.push(await startSentinelNode({ cluster, name, image: sentinelImage, primaryIp: primary.container.ip,
        primaryPort: REDIS_PORT, downAfterMs, timeoutMs }));
    }
    await Promise.all(sentinels.map((node) => node.serving()));
    const sentinelEndpoints = sentinels.map((s) => ({ host: s.container.ip, port: SENTINEL_PORT }));
    await waitForSentinels(sentinelEndpoints, rest.length, timeoutMs);

    const all: (RedisNode | SentinelNode)[] = [...data, ...sentinels];
    const nodes: BackendNode[] = [
      ...data.map((n) => ({ name: n.name, container: n.container, kind: 'node' as const })),
      ...sentinels.map((n) => ({ name: n.name, container: n.container, kind: 'helper' as const })),
    ];
    return {
      nodes,
      addresses: [
        ...data.map((n) => ({ name: n.name, host: n.container.ip, port: REDIS_PORT })),
        ...sentinels.map((n) => ({ name: n.name, host: n.container.ip, port: SENTINEL_PORT })),
      ],
      // The primary as a majority of the sentinels name it now; none while they disagree.
      async leader() {
        const answer = majorityAnswer(await primaryAddresses(sentinelEndpoints, MASTER_NAME, ASK_SENTINEL_MS));
        return data.find((n) => `${n.container.ip}:${REDIS_PORT}` === answer)?.name ?? null;
      },
      async restart(name) {
        const node = all.find((n) => n.name === name);
        if (!node) throw new Error(`redis-sentinel has no node ${name} (nodes: ${all.map((n) => n.name).join(', ')})`);
        await node.container.restart();
        await node.serving();
      },
    };
  },
};
