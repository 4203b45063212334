import path from 'node:path';
import type { Backend } from '../backends/backend.js';
import { BACKENDS } from '../backends/registry.js';
import { projectRoot } from './project-root.js';

/** The image every client container runs (docker/images/node-client). */
export const CLIENT_IMAGE = 'node-client';

/** What ensureImages needs to build a set of images: their names and where backend images live. */
export interface ImageSet { names: string[]; dirs: Record<string, string> }

/** A backend's image folders, backends/<name>/images/<image> in the package (tsc does not copy them to dist/). */
function backendImageDirs(backend: Backend): Record<string, string> {
  return Object.fromEntries(backend.images.map((image) => [image, path.join(projectRoot(), 'backends', backend.name, 'images', image)]));
}

/** The images one test needs: its backend's nodes (except those the user replaced) and the clients. */
export function imagesFor(backend: Backend, replaced: Record<string, string> = {}): ImageSet {
  const own = backend.images.filter((image) => replaced[image] === undefined);
  return { names: [...own, CLIENT_IMAGE], dirs: backendImageDirs(backend) };
}

/** Every image any test may need, for `fencecheck images` and the Docker tests' setup. */
export function allImages(): ImageSet {
  const sets = BACKENDS.map((b) => imagesFor(b));
  return { names: [...new Set(sets.flatMap((s) => s.names))], dirs: Object.assign({}, ...sets.map((s) => s.dirs)) as Record<string, string> };
}
