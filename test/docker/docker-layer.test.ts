import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reapOrphans, removeRun } from '../../docker/cleanup.js';
import { createCluster, type Cluster } from '../../docker/cluster.js';
import { connectEngine, EngineUnavailableError } from '../../docker/engine.js';
import { ensureImages } from '../../docker/images.js';
import { LABEL_HOST, LABEL_PID, LABEL_RUN } from '../../docker/labels.js';
import { allImages } from '../../harness/images-needed.js';
import { waitForExec, waitForLog, waitForPort, WaitTimeoutError } from '../../docker/wait.js';

const RUN_PREFIX = `layer-${process.pid}`;
const runIds: string[] = [];
const probeTags: string[] = [];
let docker: Docker;
let images: Awaited<ReturnType<typeof ensureImages>>;

function newRunId(what: string): string {
  const id = `${RUN_PREFIX}-${what}-${runIds.length}`;
  runIds.push(id);
  return id;
}

async function labelled(runId: string): Promise<{ containers: number; networks: number }> {
  const label = [`${LABEL_RUN}=${runId}`];
  return {
    containers: (await docker.listContainers({ all: true, filters: { label } })).length,
    networks: (await docker.listNetworks({ filters: { label } })).length,
  };
}

/** True when Redis at host:6379 answers PING within the time. */
function redisPing(host: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port: 6379 });
    const done = (ok: boolean): void => { clearTimeout(timer); socket.destroy(); resolve(ok); };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d) => { if (d.toString().startsWith('+PONG')) done(true); });
    socket.once('error', () => done(false));
  });
}

beforeAll(async () => {
  docker = await connectEngine();
  images = await ensureImages({ docker, names: ['redis', 'node-client'], dirs: allImages().dirs });
});

afterAll(async () => {
  for (const runId of runIds) await removeRun(docker, runId);
  for (const tag of probeTags) await docker.getImage(tag).remove({ force: true }).catch(() => undefined);
});

describe('images', () => {
  it('a cached ensureImages builds nothing and returns the same ids fast', async () => {
    const lines: string[] = [];
    const started = Date.now();
    const again = await ensureImages({ docker, names: ['redis', 'node-client'], dirs: allImages().dirs, onProgress: (l) => lines.push(l) });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(again).toEqual(images);
    expect(again.redis?.tag).toMatch(/^fencecheck\/redis:[0-9a-f]{16}$/);
    expect(lines.filter((l) => l.startsWith('building'))).toEqual([]);
    expect(lines).toContain(`redis up to date (${images.redis?.tag})`);
  });

  it('builds a new folder once, rebuilds on a file change, reports failures with the build log', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-images-'));
    try {
      fs.mkdirSync(path.join(root, 'probe'));
      const dockerfile = path.join(root, 'probe', 'Dockerfile');
      fs.writeFileSync(dockerfile, `ARG BASE\nFROM \${BASE}\nCOPY marker /marker\nRUN echo ${RUN_PREFIX}\n`);
      fs.writeFileSync(path.join(root, 'probe', 'marker'), 'one');
      const lines: string[] = [];
      const first = (await ensureImages({ docker, imagesRoot: root, names: ['probe'], onProgress: (l) => lines.push(l) })).probe!;
      probeTags.push(first.tag);
      expect(lines.some((l) => /^building probe \(step \d+\/\d+\)/.test(l))).toBe(true);

      lines.length = 0;
      const second = (await ensureImages({ docker, imagesRoot: root, names: ['probe'], onProgress: (l) => lines.push(l) })).probe!;
      expect(second).toEqual(first);
      expect(lines.some((l) => l.startsWith('building'))).toBe(false);

      fs.writeFileSync(path.join(root, 'probe', 'marker'), 'two');
      await expect(ensureImages({ docker, imagesRoot: root, names: ['probe'], offline: true })).rejects.toThrow(/missing.*offline/);
      const third = (await ensureImages({ docker, imagesRoot: root, names: ['probe'] })).probe!;
      probeTags.push(third.tag);
      expect(third.tag).not.toBe(first.tag);

      fs.writeFileSync(dockerfile, `ARG BASE\nFROM \${BASE}\nRUN echo broken-${RUN_PREFIX} && exit 7\n`);
      const failure = await ensureImages({ docker, imagesRoot: root, names: ['probe'] }).catch((e: Error) => e);
      expect(failure).toBeInstanceOf(Error);
      expect((failure as Error).message).toMatch(new RegExp(`building image probe .* failed[\\s\\S]*broken-${RUN_PREFIX}`));
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('cluster', () => {
  let cluster: Cluster;
  let runId: string;

  beforeAll(async () => {
    runId = newRunId('cluster');
    cluster = await createCluster(docker, { runId, name: 'layer' });
  });
  afterAll(async () => { await cluster?.dispose(); });

  it('runs redis as PID 1 at an address the host reaches, and pauses it with SIGSTOP', async () => {
    const n1 = await cluster.add({ name: 'n1', image: images.redis!.tag, cmd: ['redis-server', '--bind', '0.0.0.0', '--protected-mode', 'no'] });
    expect(n1.ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    await waitForPort({ host: n1.ip, port: 6379, timeoutMs: 20_000, container: n1 });
    await waitForLog(n1, /Ready to accept connections/, { timeoutMs: 10_000 });
    expect((await n1.exec(['cat', '/proc/1/comm'])).stdout.trim()).toBe('redis-server');
    expect(await redisPing(n1.ip, 2000)).toBe(true);

    await n1.kill('SIGSTOP');
    const hostPid = (await n1.inspect()).State.Pid;
    expect(fs.readFileSync(`/proc/${hostPid}/stat`, 'utf8').split(') ')[1]?.[0]).toBe('T');
    expect(await redisPing(n1.ip, 1500)).toBe(false);
    await n1.kill('SIGCONT');
    expect(await redisPing(n1.ip, 2000)).toBe(true);
  });

  it('execs commands with their exit code, stdout and stderr', async () => {
    const n1 = cluster.containers[0]!;
    expect(await n1.exec(['redis-cli', 'ping'])).toEqual({ exitCode: 0, stdout: 'PONG\n', stderr: '' });
    expect(await n1.exec(['sh', '-c', 'echo out; echo err >&2; exit 3'])).toEqual({ exitCode: 3, stdout: 'out\n', stderr: 'err\n' });
    await waitForExec(n1, ['redis-cli', 'ping'], { timeoutMs: 5000 });
  });

  it('lets containers reach each other by name and the host at the gateway', async () => {
    const server = net.createServer((s) => s.end('hello from the host\n'));
    await new Promise<void>((r) => server.listen(0, cluster.network.gateway, r));
    try {
      const port = (server.address() as net.AddressInfo).port;
      const c1 = await cluster.add({ name: 'c1', image: images['node-client']!.tag, cmd: ['sleep', 'infinity'], capAdd: ['NET_ADMIN'] });
      const toHost = await c1.exec(['node', '-e',
        `require('net').connect(${port}, '${cluster.network.gateway}').on('data', (d) => { process.stdout.write(d); process.exit(0); })`]);
      expect(toHost.stdout).toBe('hello from the host\n');
      const toNode = await c1.exec(['node', '-e',
        "const s = require('net').connect(6379, 'n1', () => s.write('PING\\r\\n')); s.on('data', (d) => { process.stdout.write(d); process.exit(0); })"]);
      expect(toNode.stdout).toBe('+PONG\r\n');
      expect((await c1.exec(['iptables', '-L', 'INPUT'])).exitCode).toBe(0);
    } finally {
      server.close();
    }
  });

  it('names the container and shows its log lines when a wait times out', async () => {
    const n1 = cluster.containers[0]!;
    const err = await waitForPort({ host: n1.ip, port: 6380, timeoutMs: 800, container: n1 }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(WaitTimeoutError);
    expect((err as Error).message).toMatch(/timed out after 800 ms waiting on container n1 .* for TCP port .*:6380/);
    expect(String(((err as Error).cause as Error).message)).toMatch(/Ready to accept connections/);
    await expect(waitForLog(n1, /never printed/, { timeoutMs: 500 })).rejects.toThrow(/waiting on container n1/);
  });

  it('keeps a dead container and its logs, copies every log, and disposes of everything', async () => {
    await expect(cluster.add({ name: 'no-such-program', image: images.redis!.tag, cmd: ['/no/such/program'] }))
      .rejects.toThrow(/could not start container no-such-program from fencecheck\/redis:.*no such file/);

    const gone = await cluster.add({ name: 'short', image: images.redis!.tag, cmd: ['sh', '-c', 'echo bye; sleep 1; exit 4'] });
    await expect(waitForLog(gone, /never/, { timeoutMs: 10_000 })).rejects.toThrow(/exited with code 4/);
    expect(await gone.logs()).toBe('bye\n');
    await gone.stop();
    expect((await gone.inspect()).State.ExitCode).toBe(4);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-logs-'));
    await cluster.copyLogs(dir);
    expect(fs.readdirSync(dir).sort()).toEqual(['c1.log', 'n1.log', 'short.log']);
    expect(fs.readFileSync(path.join(dir, 'n1.log'), 'utf8')).toMatch(/Ready to accept connections/);
    fs.rmSync(dir, { recursive: true, force: true });

    expect(await labelled(runId)).toEqual({ containers: 3, networks: 1 });
    // Null: no warning, the engine let the network go.
    expect(await cluster.dispose()).toBeNull();
    expect(await labelled(runId)).toEqual({ containers: 0, networks: 0 });
    expect(await cluster.dispose()).toBeNull();
    await expect(cluster.add({ name: 'late', image: images.redis!.tag })).rejects.toThrow(/disposed/);
  });

  it('disposes through Symbol.asyncDispose, even when things are already gone', async () => {
    const id = newRunId('async');
    const other = await createCluster(docker, { runId: id, name: 'async' });
    const c = await other.add({ name: 'x', image: images.redis!.tag, cmd: ['sleep', 'infinity'] });
    await c.remove();
    await c.remove();
    await other[Symbol.asyncDispose]();
    expect(await labelled(id)).toEqual({ containers: 0, networks: 0 });
  });
});

describe('cleanup', () => {
  it('reaps the resources of a dead harness and keeps those of a live one', async () => {
    const exited = execa('true');
    const dead = exited.pid!;
    await exited;
    const live = execa('sleep', ['60']);
    live.catch(() => undefined);
    const runs = { dead: newRunId('dead'), live: newRunId('live') };
    try {
      for (const [kind, pid] of [['dead', dead], ['live', live.pid!]] as const) {
        const labels = { [LABEL_RUN]: runs[kind], [LABEL_PID]: String(pid), [LABEL_HOST]: os.hostname() };
        const network = await docker.createNetwork({ Name: `fencecheck-${runs[kind]}`, Labels: labels });
        await docker.createContainer({ Image: images.redis!.tag, Cmd: ['sleep', 'infinity'], Labels: labels, HostConfig: { NetworkMode: network.id } });
      }
      const removed = await reapOrphans(docker);
      expect(removed.runs).toContain(runs.dead);
      expect(removed.runs).not.toContain(runs.live);
      expect(removed.containers).toBeGreaterThanOrEqual(1);
      expect(removed.networks).toBeGreaterThanOrEqual(1);
      expect(await labelled(runs.dead)).toEqual({ containers: 0, networks: 0 });
      expect(await labelled(runs.live)).toEqual({ containers: 1, networks: 1 });
    } finally {
      live.kill();
    }
    expect(await removeRun(docker, runs.live)).toMatchObject({ containers: 1, networks: 1, runs: [runs.live] });
  });
});

describe('engine', () => {
  async function withDockerHost<T>(value: string, fn: () => Promise<T>): Promise<T> {
    const saved = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = value;
    try {
      return await fn();
    } finally {
      if (saved === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = saved;
    }
  }

  it('fails fast with a one-line message when nothing answers', async () => {
    const started = Date.now();
    const err = await withDockerHost('tcp://127.0.0.1:1', () => connectEngine({ timeoutMs: 3000 })).catch((e: Error) => e);
    expect(Date.now() - started).toBeLessThan(3500);
    expect(err).toBeInstanceOf(EngineUnavailableError);
    const message = (err as Error).message;
    expect(message).not.toContain('\n');
    expect(message).toMatch(/tcp:\/\/127\.0\.0\.1:1.*setup-docker\.sh.*DOCKER_HOST/);
  });

  it('connects through DOCKER_HOST as unix:// and as tcp://', async () => {
    const local = await withDockerHost('unix:///var/run/docker.sock', () => connectEngine());
    expect((await local.version()).ApiVersion).toBeTruthy();
    // A loopback TCP relay to the socket stands in for an engine that listens on TCP.
    const relay = net.createServer((client) => {
      const engine = net.connect('/var/run/docker.sock');
      client.pipe(engine).pipe(client);
      client.on('error', () => engine.destroy());
      engine.on('error', () => client.destroy());
    });
    await new Promise<void>((r) => relay.listen(0, '127.0.0.1', r));
    try {
      const port = (relay.address() as net.AddressInfo).port;
      const remote = await withDockerHost(`tcp://127.0.0.1:${port}`, () => connectEngine());
      expect((await remote.version()).ApiVersion).toBeTruthy();
    } finally {
      relay.close();
    }
  });
});
