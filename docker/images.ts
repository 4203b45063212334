import fs from 'node:fs';
import path from 'node:path';
import type Docker from 'dockerode';
import { ensureBaseImage, inspectId, type ImageRef } from './base-image.js';
import { buildImage } from './build-image.js';
import { connectEngine } from './engine.js';
import { imagesRoot, readImageContext } from './image-context.js';
import { imageHash, shortHash } from './image-hash.js';

export type { ImageRef } from './base-image.js';

export interface EnsureImagesOptions {
  /** Folder names under docker/images/, or `base`. */
  names: string[];
  onProgress?: (line: string) => void;
  /** Never build: fail naming the first missing image. */
  offline?: boolean;
  /** Try pulling debian:bookworm-slim for the base. Default: FENCECHECK_PULL_BASE=1 or 0 when
   * set; else only when this host has no debootstrap to build a base from Debian's packages. */
  pullBase?: boolean;
  /** An engine to use; default: connectEngine(). */
  docker?: Docker;
  /** Where the image folders are; default: the project's docker/images/. */
  imagesRoot?: string;
  /** Image folders that live elsewhere (a backend's own images), by name; parents still resolve here first. */
  dirs?: Record<string, string>;
}

/**
 * Makes sure each named image exists as fencecheck/<name>:<hash of its folder and its parent's
 * tag>, building what is missing (parents first) and nothing else. Returns each name's tag and id.
 */
export async function ensureImages(opts: EnsureImagesOptions): Promise<Record<string, ImageRef>> {
  const docker = opts.docker ?? await connectEngine();
  const onProgress = opts.onProgress ?? (() => undefined);
  const offline = opts.offline ?? false;
  const root = opts.imagesRoot ?? imagesRoot();
  const pending = new Map<string, Promise<ImageRef>>();

  const ensure = (name: string, chain: string[]): Promise<ImageRef> => {
    if (chain.includes(name)) throw new Error(`image parents form a cycle: ${[...chain, name].join(' -> ')}`);
    let ref = pending.get(name);
    if (!ref) {
      ref = name === 'base'
        ? ensureBaseImage(docker, { onProgress, offline, pull: opts.pullBase ?? pullBaseByDefault() })
        : ensureChild(name, [...chain, name]);
      pending.set(name, ref);
    }
    return ref;
  };

  const ensureChild = async (name: string, chain: string[]): Promise<ImageRef> => {
    const dir = opts.dirs?.[name];
    const context = dir ? readImageContext(path.basename(dir), path.dirname(dir)) : readImageContext(name, root);
    if (context.name !== name) throw new Error(`image folder ${dir} must be named ${name}`);
    const parent = await ensure(context.parent, chain);
    const files = context.files.map((file) => ({ path: file, content: fs.readFileSync(path.join(context.dir, file)) }));
    const tag = `fencecheck/${name}:${shortHash(imageHash({ parent: parent.tag, files }))}`;
    const existing = await inspectId(docker, tag);
    if (existing) {
      onProgress(`${name} up to date (${tag})`);
      return { tag, id: existing };
    }
    if (offline) throw new Error(`image ${tag} is missing and building is off (offline): run \`fencecheck images\` first`);
    return buildImage(docker, { context, tag, parent: parent.tag, onProgress });
  };

  const result: Record<string, ImageRef> = {};
  // One build at a time: builds are CPU- and mirror-bound, and interleaved progress is unreadable.
  for (const name of [...new Set(opts.names)]) result[name] = await ensure(name, []);
  return result;
}

// A machine that can build a base from Debian's packages never needs a registry; one that cannot
// (macOS, a host without debootstrap) has no other way to get one.
function pullBaseByDefault(): boolean {
  const setting = process.env.FENCECHECK_PULL_BASE;
  if (setting === '1' || setting === '0') return setting === '1';
  const dirs = (process.env.PATH ?? '').split(path.delimiter).concat(['/usr/sbin', '/sbin']);
  return !dirs.some((dir) => fs.existsSync(path.join(dir, 'debootstrap')));
}
