import { setTimeout as delay } from 'node:timers/promises';
import type Docker from 'dockerode';
import { demuxFrames } from './demux.js';
import { ignoreStatus } from './engine-status.js';
import { dockerSafeName, runLabels } from './labels.js';

export interface ContainerSpec {
  runId: string;
  /** Logical name, unique within the run; also the hostname and the DNS alias on the network. */
  name: string;
  image: string;
  /** Network name or id. */
  network: string;
  /** Runs as the container's main process (PID 1, no init), so signals reach the program itself. */
  cmd?: string[];
  env?: Record<string, string>;
  /** host:container[:ro] */
  binds?: string[];
  /** Added to NET_ADMIN, which every container gets (firewall and traffic rules in its own namespace). */
  capAdd?: string[];
  /** A fixed address on the network (the same one after a restart); default: the engine picks. */
  ip?: string;
  /**
   * Whether to preload the library the image names in its `fencecheck.preload` label (images
   * built FROM fault-tools name the clock library). Default true; an env LD_PRELOAD wins.
   */
  preload?: boolean;
  labels?: Record<string, string>;
  hostname?: string;
  user?: string;
  workingDir?: string;
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** A running container. It is never removed by the engine on exit: its logs stay readable. */
export interface StartedContainer {
  id: string;
  /** The logical name from the spec. */
  name: string;
  /** The engine's name for it: fencecheck-<runId>-<name>. */
  containerName: string;
  /** The container's IPv4 address on its network. */
  ip: string;
  /** Sends a signal to the main process (SIGSTOP and SIGCONT included). */
  kill(signal?: string): Promise<void>;
  /** SIGTERM, then SIGKILL after the grace period; already stopped is fine. */
  stop(opts?: { timeoutSeconds?: number }): Promise<void>;
  /** Starts a stopped (killed) container again, with its own filesystem; already running is fine. */
  restart(): Promise<void>;
  /** Force-removes the container; already gone is fine. */
  remove(): Promise<void>;
  /**
   * Runs a command inside the container and collects its output. A non-zero exit is a result, not
   * an error; it throws only when the command cannot run (the container is not running, the
   * engine is gone) or outlives the timeout.
   */
  exec(cmd: string[], opts?: { timeoutMs?: number }): Promise<ExecResult>;
  /** stdout and stderr of the main process so far, interleaved as written. */
  logs(): Promise<string>;
  inspect(): Promise<Docker.ContainerInspectInfo>;
}

/** The label by which an image names a library every container of it should preload. */
export const PRELOAD_LABEL = 'fencecheck.preload';

/** Creates and starts a labelled container on a network and reports its address. */
export async function startContainer(docker: Docker, spec: ContainerSpec): Promise<StartedContainer> {
  const containerName = dockerSafeName(`fencecheck-${spec.runId}-${spec.name}`);
  const env = { ...await preloadEnv(docker, spec), ...spec.env };
  const container = await docker.createContainer({
    name: containerName,
    Image: spec.image,
    Cmd: spec.cmd,
    Env: Object.entries(env).map(([k, v]) => `${k}=${v}`),
    Hostname: spec.hostname ?? dockerSafeName(spec.name),
    User: spec.user,
    WorkingDir: spec.workingDir,
    Labels: runLabels(spec.runId, spec.labels),
    HostConfig: {
      NetworkMode: spec.network,
      Binds: spec.binds,
      CapAdd: [...new Set(['NET_ADMIN', ...spec.capAdd ?? []])],
      AutoRemove: false,
      Init: false,
    },
    NetworkingConfig: {
      EndpointsConfig: { [spec.network]: { Aliases: [spec.name], ...(spec.ip ? { IPAMConfig: { IPv4Address: spec.ip } } : {}) } },
    },
  });
  try {
    await container.start();
    const info = await container.inspect();
    if (!info.State.Running) {
      // An exited container has lost its address; what it printed is the useful part.
      const logs = demuxFrames(await container.logs({ stdout: true, stderr: true, tail: 20 }) as unknown as Buffer).all;
      throw new Error(`it exited at once with code ${info.State.ExitCode}`, { cause: new Error(`last log lines:\n${logs}`) });
    }
    const networks = info.NetworkSettings.Networks;
    const ip = (networks[spec.network] ?? Object.values(networks)[0])?.IPAddress;
    if (!ip) throw new Error(`it has no address on network ${spec.network}`);
    return wrapContainer(docker.getContainer(container.id), { name: spec.name, containerName, ip });
  } catch (err) {
    await container.remove({ force: true }).catch(() => undefined);
    throw new Error(`could not start container ${spec.name} from ${spec.image}: ${(err as Error).message}`, { cause: err });
  }
}

/** LD_PRELOAD of the library the image names, if it names one and the spec does not opt out. */
async function preloadEnv(docker: Docker, spec: ContainerSpec): Promise<Record<string, string>> {
  if (spec.preload === false) return {};
  let labels: Record<string, string> | null | undefined;
  try {
    labels = (await docker.getImage(spec.image).inspect()).Config?.Labels;
  } catch {
    // A missing image fails at create with the engine's own message.
    return {};
  }
  const library = labels?.[PRELOAD_LABEL];
  return library ? { LD_PRELOAD: library } : {};
}

function wrapContainer(container: Docker.Container, ids: { name: string; containerName: string; ip: string }): StartedContainer {
  return {
    id: container.id,
    ...ids,
    async kill(signal = 'SIGKILL') {
      await container.kill({ signal });
    },
    async stop(opts = {}) {
      await ignoreStatus(container.stop({ t: opts.timeoutSeconds ?? 10 }), [304, 404]);
    },
    async restart() {
      await ignoreStatus(container.start(), [304]);
    },
    async remove() {
      await ignoreStatus(container.remove({ force: true, v: true }), [404, 409]);
    },
    exec: (cmd, opts) => execIn(container, cmd, opts?.timeoutMs ?? 60_000),
    async logs() {
      const buf = await container.logs({ stdout: true, stderr: true, follow: false }) as unknown as Buffer;
      return demuxFrames(buf).all;
    },
    inspect: () => container.inspect(),
  };
}

async function execIn(container: Docker.Container, cmd: string[], timeoutMs: number): Promise<ExecResult> {
  const exec = await container.exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true, Tty: false });
  const stream = await exec.start({ hijack: true, stdin: false });
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      stream.destroy();
      reject(new Error(`exec of ${JSON.stringify(cmd)} in ${container.id.slice(0, 12)} did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => { clearTimeout(timer); resolve(); });
    stream.on('error', (err) => { clearTimeout(timer); reject(err); });
  });
  const { stdout, stderr } = demuxFrames(Buffer.concat(chunks));
  // The output can end a moment before the engine records the exit code.
  let info = await exec.inspect();
  for (let i = 0; i < 50 && info.Running; i++) {
    await delay(20);
    info = await exec.inspect();
  }
  return { exitCode: info.ExitCode ?? -1, stdout, stderr };
}
