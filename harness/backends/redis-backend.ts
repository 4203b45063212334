import { waitForPort } from '../../docker/wait.js';
import type { LockBackend } from './lock-backend.js';

const PORT = 6379;

/** One Redis server; the lock is SET NX PX with a Lua release (workloads/redis-lock.ts). */
export const redisBackend: LockBackend = {
  name: 'redis',
  description: 'single Redis server: SET NX PX, Lua compare-and-delete release, INCR token in the same script',
  images: ['redis'],
  defaultNodes: 1,
  token: 'INCR counter, incremented in the same Lua script as the grant',
  async start({ cluster, images, nodes, timeoutMs }) {
    if (nodes !== 1) throw new Error(`the redis backend runs exactly one node (got --nodes ${nodes}); use redlock or redis-sentinel for more`);
    const image = images.redis;
    if (!image) throw new Error('the redis image is missing');
    const node = await cluster.add({
      name: 'n1',
      image,
      cmd: ['redis-server', '--bind', '0.0.0.0', '--protected-mode', 'no', '--save', '', '--appendonly', 'no'],
      labels: { 'fencecheck.role': 'node' },
    });
    await waitForPort({ host: node.ip, port: PORT, timeoutMs, container: node });
    return [{ name: 'n1', host: node.ip, port: PORT }];
  },
};
