import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';

/** No Docker engine answered; the message is one line that says where we looked and what to do. */
export class EngineUnavailableError extends Error {
  constructor(readonly endpoint: string, cause?: unknown) {
    super(`no Docker engine answered at ${endpoint}: run \`sudo bash scripts/setup-docker.sh\`, `
      + 'or set DOCKER_HOST to a running engine', { cause });
    this.name = 'EngineUnavailableError';
  }
}

export interface ConnectEngineOptions {
  /** How long the ping may take before the engine counts as absent. */
  timeoutMs?: number;
}

/** Where dockerode will connect, spelled as a user would write DOCKER_HOST. */
export function engineEndpoint(): string {
  if (process.env.DOCKER_HOST) return process.env.DOCKER_HOST;
  // dockerode's own default: Docker Desktop's per-user socket if there is one, else the system's.
  const userSocket = path.join(os.homedir(), '.docker', 'run', 'docker.sock');
  return `unix://${fs.existsSync(userSocket) ? userSocket : '/var/run/docker.sock'}`;
}

/**
 * A dockerode client for the engine named by DOCKER_HOST (unix:// or tcp://; the default socket
 * otherwise) that has answered a ping. Throws EngineUnavailableError if none answers in time.
 */
export async function connectEngine(opts: ConnectEngineOptions = {}): Promise<Docker> {
  const timeoutMs = opts.timeoutMs ?? 5000;
  const endpoint = engineEndpoint();
  let docker: Docker;
  try {
    docker = new Docker();
  } catch (err) {
    throw new EngineUnavailableError(endpoint, err);
  }
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    // dockerode's ping takes an abort signal, but its types do not say so.
    const ping = docker.ping as unknown as (opts: { abortSignal: AbortSignal }) => Promise<unknown>;
    await ping.call(docker, { abortSignal: abort.signal });
  } catch (err) {
    const cause = abort.signal.aborted ? new Error(`ping timed out after ${timeoutMs} ms`, { cause: err }) : err;
    throw new EngineUnavailableError(endpoint, cause);
  } finally {
    clearTimeout(timer);
  }
  return docker;
}
