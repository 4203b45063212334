import { processFaultKind } from './fault-kind.js';
import { iptablesChain } from './iptables-chain.js';
import { ipv4 } from './target-exec.js';

const chain = iptablesChain('FENCECHECK-LOSS', ['OUTPUT']);

/**
 * Drops a random share of the packets the target sends on eth0 (iptables' statistic match, which
 * every kernel with iptables has, unlike netem), sparing the protected addresses (the register).
 */
export const lossKind = processFaultKind({
  kind: 'loss',
  description: 'drop --loss percent of the packets the process sends (the register excepted), for the fault duration',
  async apply(target, ctx) {
    const probability = Math.min(1, Math.max(0, ctx.settings.lossPercent / 100)).toFixed(4);
    await chain.add(target, [
      ...ctx.protectedIps.map((ip) => `-d ${ipv4(ip)} -j RETURN`),
      `-o eth0 -m statistic --mode random --probability ${probability} -j DROP`,
    ]);
  },
  undo: (target) => chain.flush(target),
  sweep: (target) => chain.remove(target),
  details: (ctx) => ({ lossPercent: ctx.settings.lossPercent }),
});
