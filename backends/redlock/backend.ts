import { problemOf, type Backend, type DeployedBackend } from '../backend.js';
import { REDIS_PORT, startRedisNode, type RedisNode } from './redis-node.js';
import { REDLOCK_OPTIONS, redlockSettings } from './redlock-settings.js';

/**
 * Redlock over independent Redis nodes (no replication between them), through the npm redlock
 * package in each client. No node leads: a lock is a majority of nodes holding the same value.
 */
export const redlockBackend: Backend = {
  name: 'redlock',
  description: 'Redlock (npm redlock) over independent Redis nodes: SET on a majority within the TTL minus drift; no fencing token',
  images: ['redis'],
  defaultNodes: 5,
  nodeCounts: [3, 5, 7],
  recipes: [{
    name: 'redlock',
    // The terminal summary prints this for a recipe without a token: it must say why, plainly.
    description: 'Redlock\'s lock value is a random string that orders nothing, so it cannot be a fencing token: the resource '
      + 'cannot refuse a stale holder and only exclusion judges the lock. Acquire and release through the npm redlock package on every '
      + 'node, granted by a majority; --renew uses its using() auto-extension',
    token: null,
  }],
  options: REDLOCK_OPTIONS,
  settingsProblem: ({ options }) => problemOf(() => redlockSettings(options)),
  faultNotApplicable: () => null,
  async deploy({ cluster, images, nodes, options, timeoutMs, onProgress }): Promise<DeployedBackend> {
    const image = images.redis;
    if (!image) throw new Error('the redis image is missing');
    // Refuse bad settings here, before any client container starts with them.
    const settings = redlockSettings(options);
    onProgress(`redlock over ${nodes} independent redis nodes (retry count ${settings.retryCount}, retry delay ${settings.retryDelay} ms, drift factor ${settings.driftFactor})`);
    const names = Array.from({ length: nodes }, (_, i) => `n${i + 1}`);
    const started: RedisNode[] = [];
    // One at a time: the engine copes badly with many containers created at once.
    for (const name of names) started.push(await startRedisNode({ cluster, name, image, role: 'node', timeoutMs }));
    await Promise.all(started.map((node) => node.serving()));
    return {
      nodes: started.map((node) => ({ name: node.name, container: node.container, kind: 'node' as const })),
      addresses: started.map((node) => ({ name: node.name, host: node.container.ip, port: REDIS_PORT })),
      // Every node is an equal voter: there is no leader to name.
      leader: () => Promise.resolve(null),
      async restart(name) {
        const node = started.find((n) => n.name === name);
        if (!node) throw new Error(`redlock has no node ${name} (nodes: ${names.join(', ')})`);
        await node.container.restart();
        await node.serving();
      },
    };
  },
};
