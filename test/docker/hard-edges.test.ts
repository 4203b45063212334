import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { LABEL_HOST, LABEL_PID, LABEL_RUN } from '../../docker/labels.js';
import { jsonlLines, labelled, latestResults, runCli, startCli, tempResults, until } from './cli-process.js';

/** Containers and networks whose name carries a test name (a run's are `fencecheck-<name>-<hex>…`). */
async function named(docker: Docker, name: string): Promise<{ containers: number; networks: number }> {
  const containers = await docker.listContainers({ all: true, filters: { name: [`fencecheck-${name}`] } });
  const networks = await docker.listNetworks({ filters: { name: [`fencecheck-${name}`] } });
  return { containers: containers.length, networks: networks.length };
}

interface HistoryOp { process: unknown; f: string; type: string; time: number; error?: string }

// Issue 8, item 4: the edges a new user hits first.
describe('hard edges', () => {
  it('invalid flag combinations exit 254 in one line with nothing started: no run folder, container or network', async () => {
    const docker = new Docker();
    for (const [flags, message] of [
      [['--backend', 'redis', '--nodes', '3'], /^fencecheck: --nodes 3 is not a size the redis backend runs: choose from 1$/],
      [['--backend', 'redlock', '--nodes', '2'], /^fencecheck: --nodes 2 is not a size the redlock backend runs: choose from 3, 5, 7$/],
      [['--backend', 'postgres', '--nemesis', 'partition-majority'], /^fencecheck: nemesis "partition-majority" is not valid: .*use partition-minority$/],
      [['--backend', 'redis-sentinel', '--redis-wait', '5'], /^fencecheck: --redis-wait must be an integer from 0 to 2 \(got 5\)$/],
      [['--backend', 'etcd', '--ttl', '1000'], /^fencecheck: etcd raises any lease below 2 s to 2 s .*\(got 1000\)$/],
    ] as const) {
      const results = tempResults();
      const name = `edge-${Math.random().toString(36).slice(2, 8)}`;
      const run = await runCli(['test', ...flags, '--name', name, '--time-limit', '5', '--results', results]);
      expect(run.exitCode, flags.join(' ')).toBe(254);
      expect(run.stderr.trim().split('\n'), flags.join(' ')).toHaveLength(1);
      expect(run.stderr.trim()).toMatch(message);
      expect(fs.readdirSync(results)).toEqual([]);
      expect(await named(docker, name)).toEqual({ containers: 0, networks: 0 });
    }
  });

  it('Ctrl-C with workers mid-call: every worker is cancelled and awaited, so no op comes after the final read', async () => {
    const results = tempResults();
    // Holds of 8 s: at the Ctrl-C one client is mid-hold and the others are inside an acquire.
    const child = startCli(['test', '--backend', 'redis', '--clients', '3', '--ttl', '30000', '--nemesis', 'none', '--hold', '8000-8000',
      '--time-limit', '120', '--seed', '4', '--results', results]);
    const history = path.join(results, 'latest', 'history.jsonl');
    await until('a client holding the lock', () => jsonlLines(history).some((l) => l.includes('"f":"read"') && l.includes('"type":"ok"')), 120_000);
    child.kill('SIGINT');
    const done = await child;
    expect(String(done.stderr)).toMatch(/SIGINT: stopping the test/);

    const ops = jsonlLines(history).map((l) => JSON.parse(l) as HistoryOp);
    const finals = ops.filter((op) => op.f === 'final-read');
    expect(finals.length).toBeGreaterThan(0);
    expect(finals.every((op) => ['invoke', 'ok'].includes(op.type))).toBe(true);
    const firstFinal = Math.min(...finals.map((op) => op.time));
    expect(ops.filter((op) => op.f !== 'final-read' && op.time > firstFinal)).toEqual([]);
    // The last lines are the final read: nothing was appended after it.
    expect(ops.at(-1)?.f).toBe('final-read');
    // The calls in flight at the cancel ended info, and every invoke has its completion.
    expect(ops.some((op) => op.type === 'info' && /stopped \(Ctrl-C\) while this call was in flight/.test(op.error ?? ''))).toBe(true);
    const open = new Set<unknown>();
    for (const op of ops) {
      if (op.type === 'invoke') open.add(op.process);
      else open.delete(op.process);
    }
    expect(open.size).toBe(0);
    const r = latestResults(results);
    expect(r.complete).toBe(true);
    expect(r.valid).not.toBe(false);
    const test = JSON.parse(fs.readFileSync(path.join(results, 'latest', 'test.json'), 'utf8')) as { runId: string };
    expect(await labelled(test.runId)).toEqual({ containers: 0, networks: 0 });
  });

  it('a leftover network the engine refuses to remove (active endpoints) does not stop the next test, which warns naming the remedy', async () => {
    const docker = new Docker();
    const suffix = Math.random().toString(36).slice(2, 8);
    // A dead run's network (its harness pid does not exist), with a container fencecheck does not
    // manage attached to it and attached again whenever it is disconnected: every removal the
    // reaper tries meets an active endpoint, as with the engine's stale endpoints after a crash.
    const network = await docker.createNetwork({ Name: `fencecheck-stuck-${suffix}`,
      Labels: { [LABEL_RUN]: `stuck-${suffix}`, [LABEL_PID]: '999999999', [LABEL_HOST]: os.hostname() } });
    const images = await docker.listImages({ filters: { reference: ['fencecheck/fault-tools'] } });
    const holder = await docker.createContainer({ name: `stuck-holder-${suffix}`, Image: images[0]?.RepoTags?.[0] ?? 'fencecheck/fault-tools',
      Cmd: ['sleep', '600'], HostConfig: { NetworkMode: `fencecheck-stuck-${suffix}` } });
    await holder.start();
    let holding = true;
    const reattach = (async () => {
      while (holding) {
        await network.connect({ Container: holder.id }).catch(() => undefined);
        await delay(30);
      }
    })();
    try {
      const results = tempResults();
      const run = await runCli(['test', '--backend', 'redis', '--clients', '2', '--ttl', '10000', '--nemesis', 'none',
        '--time-limit', '3', '--seed', '1', '--results', results]);
      expect(run.exitCode, run.stderr).toBe(0);
      expect(latestResults(results).valid).toBe(true);
      const warning = run.stderr.split('\n').find((l) => l.startsWith('warning: the engine refuses to remove'));
      expect(warning).toContain(`fencecheck-stuck-${suffix}`);
      expect(warning).toMatch(/active endpoints/);
      expect(warning).toMatch(/they do not block new tests, but only restarting the engine frees them/);
    } finally {
      holding = false;
      await reattach;
      await holder.remove({ force: true });
      await network.remove().catch(() => undefined);
    }
    expect((await docker.listNetworks({ filters: { name: [`fencecheck-stuck-${suffix}`] } })).length).toBe(0);
  });
});
