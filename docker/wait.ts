import net from 'node:net';
import { pollUntil } from '../lib/poll-until.js';
import type { StartedContainer } from './container.js';

const POLL_MS = 200;
const LOG_TAIL_LINES = 20;

/** A wait ran out of time; the cause carries the container's last log lines when there is one. */
export class WaitTimeoutError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'WaitTimeoutError';
  }
}

export interface WaitForPortOptions {
  host: string;
  port: number;
  timeoutMs: number;
  /** The container that should be listening: named in the error, its logs become the cause, and its exit ends the wait early. */
  container?: StartedContainer;
}

/** Resolves once a TCP connection to host:port succeeds. */
export async function waitForPort(opts: WaitForPortOptions): Promise<void> {
  await pollContainer({
    what: `TCP port ${opts.host}:${opts.port} to accept connections`,
    container: opts.container,
    timeoutMs: opts.timeoutMs,
    attempt: () => canConnect(opts.host, opts.port, Math.min(1000, opts.timeoutMs)),
  });
}

/** Resolves once cmd exits 0 inside the container. */
export async function waitForExec(container: StartedContainer, cmd: string[], opts: { timeoutMs: number }): Promise<void> {
  await pollContainer({
    what: `${JSON.stringify(cmd)} to exit 0`,
    container,
    timeoutMs: opts.timeoutMs,
    attempt: async () => (await container.exec(cmd, { timeoutMs: opts.timeoutMs })).exitCode === 0,
  });
}

/** Resolves once the container's output matches the pattern. */
export async function waitForLog(container: StartedContainer, pattern: RegExp, opts: { timeoutMs: number }): Promise<void> {
  await pollContainer({
    what: `its log to match ${String(pattern)}`,
    container,
    timeoutMs: opts.timeoutMs,
    attempt: async () => pattern.test(await container.logs()),
  });
}

interface ContainerPollOptions {
  what: string;
  container: StartedContainer | undefined;
  timeoutMs: number;
  attempt: () => Promise<boolean>;
}

/** Polls until `attempt` holds; a container that exits meanwhile ends the wait early, its log tail as the cause. */
async function pollContainer(opts: ContainerPollOptions): Promise<void> {
  const { container } = opts;
  const who = container ? ` on container ${container.name} (${container.containerName}, ${container.ip})` : '';
  await pollUntil({
    what: opts.what,
    timeoutMs: opts.timeoutMs,
    intervalMs: POLL_MS,
    attempt: opts.attempt,
    async afterMiss() {
      if (!container) return;
      const state = await container.inspect().then((i) => i.State).catch(() => undefined);
      if (state && !state.Running) {
        throw new WaitTimeoutError(`container ${container.name} (${container.containerName}) exited with code ${state.ExitCode} `
          + `while waiting for ${opts.what}`, await logTail(container));
      }
    },
    onTimeout: async () => new WaitTimeoutError(`timed out after ${opts.timeoutMs} ms waiting${who} for ${opts.what}`,
      container ? await logTail(container) : undefined),
  });
}

async function logTail(container: StartedContainer): Promise<Error> {
  try {
    const lines = (await container.logs()).trimEnd().split('\n').slice(-LOG_TAIL_LINES);
    return new Error(`last log lines of ${container.name}:\n${lines.join('\n')}`);
  } catch (err) {
    return new Error(`the logs of ${container.name} could not be read`, { cause: err });
  }
}

function canConnect(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean): void => { socket.destroy(); resolve(ok); };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
