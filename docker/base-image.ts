import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import type Docker from 'dockerode';
import { hostDebianMirror } from './debian-mirror.js';
import { statusOf } from './engine-status.js';
import { runDebootstrap } from './debootstrap.js';
import { imageHash, shortHash } from './image-hash.js';
import { followProgress } from './progress-stream.js';

/** A built or found image: the tag to run and the engine's content id. */
export interface ImageRef {
  tag: string;
  id: string;
}

export interface EnsureBaseOptions {
  onProgress: (line: string) => void;
  /** Never build or pull: fail if no base exists. */
  offline: boolean;
  /** Try to pull debian:bookworm-slim before building one; off unless a registry is reachable. */
  pull: boolean;
  pullTimeoutMs?: number;
}

export const BASE_REPO = 'fencecheck/base';
const UPSTREAM = 'debian:bookworm-slim';
const SUITE = 'bookworm';
/** Bump when the debootstrap recipe below changes, so old local bases are not reused. */
const RECIPE = `debootstrap --variant=minbase ${SUITE}; apt caches removed; v1`;

/**
 * The Debian bookworm image every other image is built FROM, tagged fencecheck/base:<hash>.
 * A local debian:bookworm-slim wins (its id is the hash input, so a new one rebuilds the
 * children); else, if allowed, a short pull; else a root file system made by debootstrap
 * from the host's Debian mirror and imported. An existing tag is never rebuilt.
 */
export async function ensureBaseImage(docker: Docker, opts: EnsureBaseOptions): Promise<ImageRef> {
  let upstream = await inspectId(docker, UPSTREAM);
  if (!upstream && opts.pull && !opts.offline) upstream = await tryPull(docker, opts);
  if (upstream) {
    const tag = `${BASE_REPO}:${shortHash(imageHash({ parent: `${UPSTREAM}@${upstream}`, files: [] }))}`;
    if (!(await inspectId(docker, tag))) await docker.getImage(upstream).tag({ repo: BASE_REPO, tag: tag.split(':')[1] });
    opts.onProgress(`base up to date (${tag}, from ${UPSTREAM})`);
    return { tag, id: upstream };
  }
  const hash = shortHash(imageHash({ parent: RECIPE, files: [] }));
  const tag = `${BASE_REPO}:${hash}`;
  const existing = await inspectId(docker, tag);
  if (existing) {
    opts.onProgress(`base up to date (${tag})`);
    return { tag, id: existing };
  }
  if (opts.offline) {
    throw new Error(`the base image ${tag} is missing and building is off (offline): run \`fencecheck images\` where Debian's mirror is reachable`);
  }
  return { tag, id: await debootstrapBase(docker, hash, opts.onProgress) };
}

async function debootstrapBase(docker: Docker, hash: string, onProgress: (line: string) => void): Promise<string> {
  const mirror = hostDebianMirror({ suite: SUITE });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fencecheck-base-'));
  const started = Date.now();
  let tar: ReturnType<typeof execa> | undefined;
  try {
    onProgress(`building base from ${mirror} with debootstrap (about a minute) …`);
    await runDebootstrap({ dir, suite: SUITE, mirror, onProgress });
    for (const junk of ['var/cache/apt/archives', 'var/lib/apt/lists']) {
      for (const f of fs.readdirSync(path.join(dir, junk))) {
        if (f !== 'partial' && f !== 'lock') fs.rmSync(path.join(dir, junk, f), { recursive: true, force: true });
      }
    }
    onProgress('base: importing the root file system …');
    tar = execa('tar', ['--numeric-owner', '-C', dir, '-c', '.'], { buffer: false, stdout: 'pipe' });
    tar.catch(() => undefined);
    const stream = await docker.importImage(tar.stdout as NodeJS.ReadableStream, {
      repo: BASE_REPO, tag: hash,
      changes: ['CMD ["/bin/bash"]', 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
    });
    await Promise.all([followProgress(docker, stream, () => undefined), tar]);
    const id = await inspectId(docker, `${BASE_REPO}:${hash}`);
    if (!id) throw new Error('the engine accepted the import but has no such image');
    onProgress(`base built in ${((Date.now() - started) / 1000).toFixed(0)} s (${BASE_REPO}:${hash})`);
    return id;
  } catch (err) {
    throw new Error(`could not build the base image: ${(err as Error).message}`, { cause: err });
  } finally {
    // A failed import stops reading, which would leave tar blocked on a full pipe.
    tar?.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function tryPull(docker: Docker, opts: EnsureBaseOptions): Promise<string | null> {
  const timeoutMs = opts.pullTimeoutMs ?? 20_000;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    opts.onProgress(`base: pulling ${UPSTREAM} (giving up after ${timeoutMs / 1000} s) …`);
    const stream = await docker.pull(UPSTREAM, { abortSignal: abort.signal });
    await followProgress(docker, stream, () => undefined);
    return await inspectId(docker, UPSTREAM);
  } catch (err) {
    opts.onProgress(`base: cannot pull ${UPSTREAM} (${(err as Error).message.split('\n')[0]}); building one`);
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** The image id for a tag, or null when the engine has no such image. */
export async function inspectId(docker: Docker, tag: string): Promise<string | null> {
  try {
    return (await docker.getImage(tag).inspect()).Id;
  } catch (err) {
    if (statusOf(err) === 404) return null;
    throw err;
  }
}
