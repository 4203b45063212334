import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

/** Calls attempt every 25 ms until it returns something other than null, or the time is up (then null). */
export async function retryUntil(timeoutMs, attempt) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const result = await attempt();
    if (result !== null) return result;
    if (performance.now() >= deadline) return null;
    await sleep(25);
  }
}
