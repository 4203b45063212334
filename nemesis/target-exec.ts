import type { FaultTarget } from './fault-target.js';

/** 128 + SIGKILL: what exec reports when the container died while the command ran (the runtime
 * says "OCI runtime exec failed" or "cannot exec in a stopped state" when it died as the command
 * started). */
const KILLED = 137;
const EXEC_REFUSED = 126;

/** Runs a command in a target; a non-zero exit throws with the command and what it printed. */
export async function run(target: FaultTarget, cmd: readonly string[]): Promise<string> {
  const { exitCode, output } = await target.exec(cmd);
  if (exitCode === KILLED || /OCI runtime exec failed|cannot exec in a stopped state/.test(output)
    // The runtime's own answer (126, cannot execute) when the container stopped as the exec began.
    || (exitCode === EXEC_REFUSED && /container is not running/.test(output))) {
    // The container stopped under the command (a kill fault on the same target): a race, not a failure.
    throw Object.assign(new Error(`${cmd[0]} in ${target.name} was killed with its container`), { gone: true });
  }
  if (exitCode !== 0) {
    const last = output.trim().split('\n').slice(-3).join(' / ') || 'no output';
    throw new Error(`${oneLine(cmd)} in ${target.name} exited with code ${exitCode}: ${last}`);
  }
  return output;
}

/** A command as one short line, for error messages (scripts span lines). */
function oneLine(cmd: readonly string[]): string {
  const text = cmd.join(' ').replace(/\s*\n\s*/g, '; ');
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

/** Runs a shell script in a target (callers interpolate only validated values). */
export function runScript(target: FaultTarget, script: string): Promise<string> {
  return run(target, ['sh', '-c', script]);
}

/**
 * Undo work that must not stop the healing of the other targets: a target that is gone (a killed
 * or retired container) has nothing left to undo, and any other failure is reported to the caller
 * after every target was tried.
 */
export async function forEachTarget(targets: readonly FaultTarget[], action: (t: FaultTarget) => Promise<unknown>): Promise<void> {
  const results = await Promise.allSettled(targets.map(action));
  const failures = results.flatMap((r, i) => (r.status === 'rejected' && !isGone(r.reason) ? [`${targets[i]?.name}: ${(r.reason as Error).message}`] : []));
  if (failures.length > 0) throw new Error(failures.join('; '));
}

/** Some engines (Debian's 20.10) answer an exec in a stopped container with HTTP 500, not 409. */
const NOT_RUNNING = /container not running|is not running/;

/**
 * True when the engine said the container is not running or no longer exists (HTTP 409 or 404 on
 * the signal or exec call, or a 500 that says so), or `run` saw it die under the command. A
 * command's own failure, whatever it printed, is not "gone".
 */
export function isGone(err: unknown): boolean {
  const e = err as { statusCode?: number; gone?: boolean; message?: unknown } | null;
  if (e?.gone === true || e?.statusCode === 404 || e?.statusCode === 409) return true;
  return e?.statusCode === 500 && NOT_RUNNING.test(String(e.message));
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** An address checked before it goes into a shell script. */
export function ipv4(address: string): string {
  const m = IPV4.exec(address);
  if (!m || m.slice(1).some((part) => Number(part) > 255)) throw new Error(`not an IPv4 address: ${JSON.stringify(address)}`);
  return address;
}
