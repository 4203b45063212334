import { pollUntil } from '../../lib/poll-until.js';
import { redisCommand, type Endpoint } from './sentinel-command.js';
import { MASTER_NAME } from './topology.js';

const POLL_MS = 200;
const ASK_MS = 1000;

/** Resolves once the primary streams to every replica (a fail-over before that would lose the seed data). */
export async function waitForReplicas(primary: Endpoint, replicas: number, timeoutMs: number): Promise<void> {
  await pollUntil({ what: `the primary ${primary.host} to have ${replicas} online replicas`, timeoutMs, intervalMs: POLL_MS, attempt: async () => {
    const info = String(await redisCommand(primary, ['INFO', 'replication'], ASK_MS));
    return (info.match(/^slave\d+:.*state=online/gm) ?? []).length >= replicas;
  } });
}

/**
 * Resolves once every sentinel knows the replicas and the other sentinels and can authorize a
 * fail-over (SENTINEL CKQUORUM): before that, killing the primary would leave no one to promote.
 */
export async function waitForSentinels(sentinels: readonly Endpoint[], replicas: number, timeoutMs: number): Promise<void> {
  await pollUntil({ what: `${sentinels.length} sentinels to agree on the primary and ${replicas} replicas`, timeoutMs, intervalMs: POLL_MS, attempt: async () => {
    for (const sentinel of sentinels) {
      await redisCommand(sentinel, ['SENTINEL', 'CKQUORUM', MASTER_NAME], ASK_MS);
      const known = await redisCommand(sentinel, ['SENTINEL', 'REPLICAS', MASTER_NAME], ASK_MS);
      const peers = await redisCommand(sentinel, ['SENTINEL', 'SENTINELS', MASTER_NAME], ASK_MS);
      if (!Array.isArray(known) || known.length < replicas) return false;
      if (!Array.isArray(peers) || peers.length < sentinels.length - 1) return false;
    }
    return true;
  } });
}
