import type { FaultContext } from './fault-target.js';
import { processFaultKind } from './fault-kind.js';
import { isGone, runScript } from './target-exec.js';

/**
 * netem on eth0: every packet the target sends waits settings.delayMs. netem has no exceptions
 * without classifier qdiscs that not every kernel has, so the register is delayed too (it stays
 * reachable, only slower).
 */
export const delayKind = processFaultKind({
  kind: 'delay',
  description: 'delay every packet the process sends by --delay ms (tc netem on eth0), for the fault duration',
  async apply(target, ctx) {
    await runScript(target, `tc qdisc replace dev eth0 root netem delay ${Math.max(0, Math.trunc(ctx.settings.delayMs))}ms`);
  },
  async undo(target) {
    await runScript(target, 'if tc qdisc show dev eth0 | grep -q netem; then tc qdisc del dev eth0 root; fi')
      .catch((err: unknown) => { if (!isGone(err)) throw err; });
  },
  details: (ctx) => ({ delayMs: ctx.settings.delayMs }),
  setup: checkNetem,
});

/** netem is a kernel module some kernels lack; say so before the workload rather than at the first start. */
async function checkNetem(ctx: FaultContext): Promise<void> {
  const probe = ctx.nodes()[0];
  if (!probe) return;
  try {
    await runScript(probe, 'tc qdisc add dev lo root netem delay 1ms && tc qdisc del dev lo root');
  } catch (err) {
    throw new Error(`delay needs the kernel's netem qdisc (sch_netem), and the Docker host's kernel refused it in ${probe.name}`, { cause: err });
  }
}
