import type { Backend, DeployedBackend } from '../backend.js';
import { waitForPort } from '../../docker/wait.js';

const PORT = 6379;
const NODE = 'n1';

/** What Redis keeps across a restart of its process (`--redis-persistence`). */
const PERSISTENCE: Record<string, string[]> = {
  // Nothing: a restarted server has forgotten every lock and the token counter.
  none: ['--save', '', '--appendonly', 'no'],
  // Every write fsynced to the append-only file before it is acknowledged.
  'aof-always': ['--save', '', '--appendonly', 'yes', '--appendfsync', 'always'],
};

/** One Redis server; the lock is SET NX PX with a Lua release (client.ts). */
export const redisBackend: Backend = {
  name: 'redis',
  description: 'single Redis server: SET NX PX, Lua compare-and-delete release, INCR token in the same script',
  images: ['redis'],
  defaultNodes: 1,
  nodeCounts: [1],
  recipes: [{
    name: 'set-nx-px',
    description: 'SET key value NX PX ttl and INCR in one Lua script; release by Lua compare-and-delete; --renew by Lua compare-and-pexpire',
    token: 'INCR counter, incremented in the same Lua script as the grant',
  }],
  options: [{
    name: 'redis-persistence', type: 'string', default: 'none', choices: Object.keys(PERSISTENCE),
    describe: 'what Redis keeps across a restart (kill faults): none, or aof-always (fsync every write)',
  }],
  faultNotApplicable: () => null,
  async deploy({ cluster, images, options, timeoutMs, onProgress }): Promise<DeployedBackend> {
    const image = images.redis;
    if (!image) throw new Error('the redis image is missing');
    const persistence = String(options['redis-persistence'] ?? 'none');
    const flags = PERSISTENCE[persistence];
    if (!flags) throw new Error(`unknown --redis-persistence "${persistence}": choose from ${Object.keys(PERSISTENCE).join(', ')}`);
    onProgress(`redis ${NODE}, persistence ${persistence}`);
    const container = await cluster.add({
      name: NODE,
      image,
      cmd: ['redis-server', '--bind', '0.0.0.0', '--protected-mode', 'no', '--dir', '/data', ...flags],
      labels: { 'fencecheck.role': 'node' },
    });
    const serving = (): Promise<void> => waitForPort({ host: container.ip, port: PORT, timeoutMs, container });
    await serving();
    return {
      nodes: [{ name: NODE, container, kind: 'node' }],
      addresses: [{ name: NODE, host: container.ip, port: PORT }],
      // A single server leads alone.
      leader: async () => NODE,
      async restart(name) {
        if (name !== NODE) throw new Error(`redis has no node ${name}`);
        await container.restart();
        await serving();
      },
    };
  },
};
