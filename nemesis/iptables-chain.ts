import type { FaultTarget } from './fault-target.js';
import { isGone, runScript } from './target-exec.js';

/**
 * A chain of fencecheck's own in a container's filter table, jumped to from the given hooks, so
 * that healing flushes only fencecheck's rules and leaves anything else in the table alone.
 */
export interface IptablesChain {
  readonly name: string;
  /** Creates the chain and its jumps if missing, then appends the rules (each one `iptables -A` argument list). */
  add(target: FaultTarget, rules: readonly string[]): Promise<void>;
  /** Empties the chain; a missing chain or a container that is gone (its namespace with it) is fine. */
  flush(target: FaultTarget): Promise<void>;
  /** Removes the jumps and the chain. */
  remove(target: FaultTarget): Promise<void>;
}

const RULE = /^[A-Za-z0-9 ./!_-]+$/;

/**
 * `last` puts the jump after every other rule of the hook: a chain whose verdict ends the packet's
 * walk through the hook (NFQUEUE, whose ACCEPT skips the rest) must come after the DROP chains.
 */
export function iptablesChain(name: string, hooks: readonly ('INPUT' | 'OUTPUT')[], position: 'first' | 'last' = 'first'): IptablesChain {
  const exists = `iptables -n -L ${name} >/dev/null 2>&1`;
  const ignoreGone = (err: unknown): void => { if (!isGone(err)) throw err; };
  return {
    name,
    async add(target, rules) {
      const bad = rules.find((r) => !RULE.test(r));
      if (bad !== undefined) throw new Error(`refusing an iptables rule with unexpected characters: ${JSON.stringify(bad)}`);
      await runScript(target, [
        'set -e',
        `${exists} || iptables -N ${name}`,
        ...hooks.map((hook) => `iptables -C ${hook} -j ${name} 2>/dev/null || iptables ${position === 'first' ? `-I ${hook} 1` : `-A ${hook}`} -j ${name}`),
        ...rules.map((rule) => `iptables -A ${name} ${rule}`),
      ].join('\n'));
    },
    async flush(target) {
      await runScript(target, `if ${exists}; then iptables -F ${name}; fi`).catch(ignoreGone);
    },
    async remove(target) {
      await runScript(target, [
        `if ${exists}; then`,
        ...hooks.map((hook) => `  while iptables -D ${hook} -j ${name} 2>/dev/null; do :; done`),
        `  iptables -F ${name} 2>/dev/null || true`,
        `  iptables -X ${name} 2>/dev/null || true`,
        'fi',
        // Whoever removed it, it must be gone now.
        `! ${exists}`,
      ].join('\n')).catch(ignoreGone);
    },
  };
}
