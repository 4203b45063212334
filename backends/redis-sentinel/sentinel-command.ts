import { Redis } from 'ioredis';

export interface Endpoint { host: string; port: number }

/**
 * Sends one command on a fresh connection and closes it. No retry and no offline queue: a paused
 * or unreachable server is an error within timeoutMs, never a wait.
 */
export async function redisCommand(at: Endpoint, args: readonly string[], timeoutMs: number): Promise<unknown> {
  const redis = new Redis({
    host: at.host, port: at.port, lazyConnect: true, connectTimeout: timeoutMs, commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    const [command, ...rest] = args;
    if (command === undefined) throw new Error('no command');
    return await redis.call(command, ...rest);
  } finally {
    redis.disconnect();
  }
}

/** The address each sentinel names for the primary now (null where a sentinel did not answer). */
export async function primaryAddresses(sentinels: readonly Endpoint[], masterName: string, timeoutMs: number): Promise<(string | null)[]> {
  return Promise.all(sentinels.map(async (sentinel) => {
    try {
      const reply = await redisCommand(sentinel, ['SENTINEL', 'get-master-addr-by-name', masterName], timeoutMs);
      return Array.isArray(reply) && typeof reply[0] === 'string' ? `${reply[0]}:${String(reply[1])}` : null;
    } catch {
      return null;
    }
  }));
}

/** The answer a majority of the sentinels give, or null when no majority agrees (or answers). */
export function majorityAnswer(answers: readonly (string | null)[]): string | null {
  const counts = new Map<string, number>();
  for (const answer of answers) if (answer !== null) counts.set(answer, (counts.get(answer) ?? 0) + 1);
  for (const [answer, count] of counts) if (count > answers.length / 2) return answer;
  return null;
}
