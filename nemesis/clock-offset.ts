import { pollUntil } from '../lib/poll-until.js';
import type { FaultContext, FaultTarget } from './fault-target.js';
import { isGone, run } from './target-exec.js';

/**
 * The wall-clock offset of a container, through the clock library every image built FROM
 * fault-tools preloads (docker/images/fault-tools/clock-preload.c): `fencecheck-clock` rewrites a
 * mapped file, and every process sees the change at its next clock call.
 */
const TOOL = 'fencecheck-clock';
const LIBRARY = 'libfencecheck-clock';

export async function setClockOffset(target: FaultTarget, offsetMs: number, strobePeriodMs = 0): Promise<void> {
  await run(target, [TOOL, 'set', String(Math.trunc(offsetMs)), String(Math.trunc(strobePeriodMs))]);
}

/** How long a reset waits for a node that is down (killed, not yet restarted): its offset file outlives the kill. */
const RESET_WAIT_MS = 30_000;
const RESET_POLL_MS = 250;

/**
 * Sets the offset back to zero. A client that is gone has no clock left to fix; a node that is
 * down keeps its offset file across the restart, so the reset waits for it to be back.
 */
export async function resetClockOffset(target: FaultTarget): Promise<void> {
  await pollUntil({
    what: `${target.name} to be back to reset its clock`,
    timeoutMs: RESET_WAIT_MS,
    intervalMs: RESET_POLL_MS,
    async attempt() {
      try {
        await setClockOffset(target, 0);
        return true;
      } catch (err) {
        if (isGone(err) && target.kind === 'client') return true;
        throw err;
      }
    },
    isFatal: (err) => !isGone(err),
    onTimeout: (err) => new Error(`${target.name} was not back within ${RESET_WAIT_MS} ms to reset its clock`, { cause: err }),
  });
}

/** Sets the offset to zero where the container is up (teardown's sweep; it never waits). */
export async function clearClockOffset(target: FaultTarget): Promise<void> {
  await setClockOffset(target, 0).catch((err: unknown) => { if (!isGone(err)) throw err; });
}

/** Reads the offset a container's processes see now: [offset ms, strobe period ms]. */
export async function readClockOffset(target: FaultTarget): Promise<[number, number]> {
  const [offset, period] = (await run(target, [TOOL, 'get'])).trim().split(/\s+/).map(Number);
  return [offset ?? NaN, period ?? NaN];
}

/** The magic of a Go binary's build-info section. */
const GO_BINARY = 'Go buildinf:';

/**
 * Before the workload: every lock node's main process has the clock library loaded and reads the
 * clock through libc, else the fault would change nothing and say it had. A static binary ignores
 * LD_PRELOAD; a Go binary (etcd, even when linked against libc) reads the clock through the vDSO.
 */
export async function checkClockLibrary(kind: string, ctx: FaultContext): Promise<void> {
  for (const node of ctx.nodes()) {
    const { output } = await node.exec(['sh', '-c',
      `if grep -qa '${GO_BINARY}' /proc/1/exe; then echo go; elif command -v ${TOOL} >/dev/null && grep -q ${LIBRARY} /proc/1/maps; then echo ok; else echo missing; fi`]);
    if (output.trim() === 'go') {
      throw new Error(`${kind} cannot act on ${node.name}: its main process is a Go binary, which reads the clock through the vDSO, never through the clock library`);
    }
    if (output.trim() !== 'ok') {
      throw new Error(`${kind} cannot act on ${node.name}: its main process does not load the clock library `
        + '(its image must be built FROM fault-tools, and a static binary ignores LD_PRELOAD)');
    }
  }
}
