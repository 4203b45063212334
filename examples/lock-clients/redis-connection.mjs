import { Redis } from 'ioredis';

/**
 * The app's Redis connection for the lock: the first node fencecheck gives, no automatic retry of
 * a command (a retried SET could be applied twice), timeouts from the client's config.
 */
export function connectRedis(config) {
  const [node] = config.nodes;
  const redis = new Redis({
    host: node.host, port: node.port, maxRetriesPerRequest: 0,
    commandTimeout: config.requestTimeoutMs, connectTimeout: config.requestTimeoutMs,
  });
  // ioredis reconnects by itself; an unhandled error event would end the process.
  redis.on('error', () => undefined);
  return { redis, node: node.name, key: `my-app:lock:${config.lock}` };
}
