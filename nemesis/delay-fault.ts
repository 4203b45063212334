import { pollUntil } from '../lib/poll-until.js';
import type { FaultContext, FaultTarget } from './fault-target.js';
import { processFaultKind } from './fault-kind.js';
import { iptablesChain } from './iptables-chain.js';
import { ipv4, isGone, run, runScript } from './target-exec.js';

/** The NFQUEUE number of the fallback; queues are per network namespace, so one number serves all. */
const QUEUE = 7;
/** Last in OUTPUT: a packet NFQUEUE accepts skips the rest of the hook, partition and loss rules included. */
const chain = iptablesChain('FENCECHECK-DELAY', ['OUTPUT'], 'last');
const BOUND_WAIT_MS = 3000;
/** Removes a netem qdisc (only that) and stops the daemon, which lets its held packets go. Its
 * command name is cut to 15 characters by the kernel, so it is found by its command line. */
const UNDO_SCRIPT = "if tc qdisc show dev eth0 | grep -q netem; then tc qdisc del dev eth0 root; fi; pkill -f '^fencecheck-delay ' || true";

/**
 * Every packet the target sends waits settings.delayMs: tc netem on eth0 where the kernel has it
 * (netem cannot spare the register without classifier qdiscs, so the register is delayed too, never
 * cut); otherwise fencecheck-delay (docker/images/fault-tools) holds the packets iptables queues
 * to it, sparing the register.
 */
export const delayKind = processFaultKind({
  kind: 'delay',
  description: 'delay every packet the process sends by --delay ms (tc netem on eth0, or NFQUEUE where the kernel has no netem), for the fault duration',
  async apply(target, ctx) {
    const ms = Math.max(0, Math.trunc(ctx.settings.delayMs));
    const mode = await runScript(target, `if tc qdisc replace dev eth0 root netem delay ${ms}ms 2>/dev/null; then echo netem; else echo nfqueue; fi`);
    if (mode.trim() === 'netem') return;
    await startDelayDaemon(target, ms, 2 * ctx.settings.durationMs + 10_000);
    await chain.add(target, [
      ...ctx.protectedIps.map((ip) => `-d ${ipv4(ip)} -j RETURN`),
      `-o eth0 -j NFQUEUE --queue-num ${QUEUE} --queue-bypass`,
    ]);
  },
  async undo(target) {
    await chain.flush(target);
    await runScript(target, UNDO_SCRIPT)
      .catch((err: unknown) => { if (!isGone(err)) throw err; });
  },
  async sweep(target) {
    await chain.remove(target);
    await runScript(target, UNDO_SCRIPT)
      .catch((err: unknown) => { if (!isGone(err)) throw err; });
  },
  details: (ctx) => ({ delayMs: ctx.settings.delayMs }),
  setup: checkDelayable,
});

/**
 * Runs the daemon as the exec's own process, not awaited: the runtime reaps it when it exits (a
 * process started in the background would be left a zombie under a PID 1 that never reaps).
 * On SIGTERM (heal) or at the end of its lifetime it lets every held packet go and exits.
 */
async function startDelayDaemon(target: FaultTarget, delayMs: number, lifetimeMs: number): Promise<void> {
  target.exec(['fencecheck-delay', String(QUEUE), String(delayMs), String(lifetimeMs)]).catch(() => undefined);
  // Bound queues are listed per namespace; until ours is, queued packets would just bypass it.
  await pollUntil({
    what: `fencecheck-delay to bind NFQUEUE ${QUEUE} in ${target.name}`,
    timeoutMs: BOUND_WAIT_MS,
    intervalMs: 20,
    attempt: async () => (await target.exec(['sh', '-c', `grep -Eq '^ *${QUEUE} ' /proc/net/netfilter/nfnetlink_queue`])).exitCode === 0,
    // An exec the engine refuses (the container is gone) is not worth waiting out.
    isFatal: () => true,
    onTimeout: () => new Error(`fencecheck-delay did not bind NFQUEUE ${QUEUE} in ${target.name} within ${BOUND_WAIT_MS} ms`),
  });
}

/** Before the workload: netem, or the NFQUEUE fallback, must be there. */
async function checkDelayable(ctx: FaultContext): Promise<void> {
  const probe = ctx.nodes()[0];
  if (!probe) return;
  try {
    await run(probe, ['sh', '-c', '(tc qdisc add dev lo root netem delay 1ms 2>/dev/null && tc qdisc del dev lo root) || command -v fencecheck-delay >/dev/null']);
  } catch (err) {
    throw new Error(`delay needs the kernel's netem qdisc or fencecheck-delay (images built FROM fault-tools); ${probe.name} has neither`, { cause: err });
  }
}
