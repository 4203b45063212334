import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { ensureImages } from '../../docker/images.js';
import { stageClientImage, withClientImage } from '../../harness/client-image.js';
import { allImages } from '../../harness/images-needed.js';
import { labelled, latestResults, startCli, tempResults } from './cli-process.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface Seen { name: string; mounts: string[] }

/** Every container of a run, inspected while it runs: its mounts' host sources and its binds. */
async function watchRun(docker: Docker, results: string, done: () => boolean): Promise<Map<string, Seen>> {
  const seen = new Map<string, Seen>();
  const testJson = path.join(results, 'latest', 'test.json');
  while (!done()) {
    if (fs.existsSync(testJson)) {
      const { runId } = JSON.parse(fs.readFileSync(testJson, 'utf8')) as { runId: string };
      for (const c of await docker.listContainers({ all: true, filters: { label: [`fencecheck.run=${runId}`] } })) {
        if (seen.has(c.Id)) continue;
        const info = await docker.getContainer(c.Id).inspect().catch(() => null);
        if (!info) continue;
        // Mounts as `type:source`; HostConfig.Binds entries (`/host:/container`) as they are.
        const mounts = [...(info.Mounts ?? []).map((m) => `${m.Type}:${m.Source ?? ''}`), ...(info.HostConfig.Binds ?? [])];
        seen.set(c.Id, { name: info.Name, mounts });
      }
    }
    await delay(100);
  }
  return seen;
}

// Issue 8, item 5: the client image carries the client code, so no container of a test has a
// bind mount of the project folder (and a remote engine works).
describe('containers of a test', () => {
  it('a real run: every node and client container, inspected while it runs, has no bind mount of the project', async () => {
    const docker = new Docker();
    const results = tempResults();
    const child = startCli(['test', '--backend', 'redis', '--clients', '3', '--ttl', '10000', '--nemesis', 'none', '--hold', '0-5',
      '--time-limit', '8', '--seed', '2', '--results', results]);
    let finished = false;
    const watching = watchRun(docker, results, () => finished);
    const run = await child;
    finished = true;
    const seen = [...(await watching).values()];
    expect(run.exitCode, String(run.stderr)).toBe(0);
    expect(latestResults(results).valid).toBe(true);
    // The redis node and the three clients at least.
    expect(seen.filter((s) => /-client-\d+$/.test(s.name)).length).toBeGreaterThanOrEqual(3);
    expect(seen.filter((s) => /-n\d+$/.test(s.name)).length).toBeGreaterThanOrEqual(1);
    for (const s of seen) {
      // No bind mount at all (Mounts of type bind, HostConfig.Binds), so none of the project folder.
      expect(s.mounts.filter((m) => m.startsWith('bind:') || !/^[a-z]+:/.test(m)), s.name).toEqual([]);
      expect(s.mounts.filter((m) => m.includes(ROOT)), s.name).toEqual([]);
    }
    const test = JSON.parse(fs.readFileSync(path.join(results, 'latest', 'test.json'), 'utf8')) as { runId: string };
    expect(await labelled(test.runId)).toEqual({ containers: 0, networks: 0 });
  });

  it('a client image whose Node is not the one the client code is built for is refused at build, in one line', async () => {
    // The harness's own binary, expected to say another version: the build runs it in the image and refuses.
    const staged = stageClientImage({ projectRoot: ROOT, nodeVersion: 'v20.0.1' });
    try {
      const err = await ensureImages({ ...withClientImage({ names: [], dirs: allImages().dirs }, staged) }).then(() => null, (e: unknown) => e as Error);
      expect(err?.message).toBe(`image client: the Node in the client image reports (${process.version}) instead of v20.0.1, the Node this harness `
        + 'runs and builds the client code for: run fencecheck with a Linux Node of the Docker engine\'s architecture');
    } finally {
      await staged.dispose();
    }
  });
});
