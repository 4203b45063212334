import fs from 'node:fs';
import path from 'node:path';
import type { Backend } from '../backends/backend.js';
import { BACKENDS } from '../backends/registry.js';
import { projectRoot } from './project-root.js';

/** What ensureImages needs to build a set of images: their names and where backend images live. */
export interface ImageSet { names: string[]; dirs: Record<string, string> }

/**
 * A backend's image folders, backends/<name>/images/<image> in the package (tsc does not copy them
 * to dist/). An image the backend does not keep itself is another backend's of that name: redlock
 * and redis-sentinel run the redis backend's `redis` image, so one image serves the whole family.
 */
function backendImageDirs(backend: Backend): Record<string, string> {
  const folder = (owner: string, image: string): string => path.join(projectRoot(), 'backends', owner, 'images', image);
  return Object.fromEntries(backend.images.map((image) => {
    const own = folder(backend.name, image);
    if (fs.existsSync(own)) return [image, own];
    const shared = BACKENDS.map((b) => folder(b.name, image)).find((dir) => fs.existsSync(dir));
    return [image, shared ?? own];
  }));
}

/** The node images one test needs: its backend's (except those the user replaced). The client
 * image is staged from the compiled code (harness/client-image.ts): withClientImage adds it. */
export function imagesFor(backend: Backend, replaced: Record<string, string> = {}): ImageSet {
  return { names: backend.images.filter((image) => replaced[image] === undefined), dirs: backendImageDirs(backend) };
}

/** Every node image any test may need, for `fencecheck images` and the Docker tests' setup (with withClientImage). */
export function allImages(): ImageSet {
  const sets = BACKENDS.map((b) => imagesFor(b));
  return { names: [...new Set(sets.flatMap((s) => s.names))], dirs: Object.assign({}, ...sets.map((s) => s.dirs)) as Record<string, string> };
}
