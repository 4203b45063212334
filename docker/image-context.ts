import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** One image's build folder: `docker/images/<name>/` with a Dockerfile and any files it copies. */
export interface ImageContext {
  name: string;
  dir: string;
  /** Paths relative to dir, forward slashes, sorted. */
  files: string[];
  /** The fencecheck image this one is built FROM (passed as the BASE build argument). */
  parent: string;
}

/** Overrides the parent, which is `base` unless the Dockerfile says `# fencecheck-parent: <name>`. */
const PARENT_DIRECTIVE = /^#\s*fencecheck-parent:\s*([a-z0-9][a-z0-9_.-]*)\s*$/m;

/**
 * The folder that holds the image folders. From the sources it sits beside this file; from the
 * compiled dist/docker/ it is the package's docker/images/, which tsc does not copy.
 */
export function imagesRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, 'images'), path.resolve(here, '../../docker/images')];
  const found = candidates.find((dir) => fs.existsSync(dir));
  if (!found) throw new Error(`cannot find the image folders (looked in ${candidates.join(', ')})`);
  return found;
}

/** The names that have a folder with a Dockerfile. */
export function availableImages(root = imagesRoot()): string[] {
  return fs.readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(root, entry.name, 'Dockerfile')))
    .map((entry) => entry.name)
    .sort();
}

export function readImageContext(name: string, root = imagesRoot()): ImageContext {
  const dir = path.join(root, name);
  const dockerfile = path.join(dir, 'Dockerfile');
  if (!fs.existsSync(dockerfile)) {
    throw new Error(`unknown image "${name}": no ${dockerfile} (known: ${availableImages(root).join(', ') || 'none'})`);
  }
  const parent = PARENT_DIRECTIVE.exec(fs.readFileSync(dockerfile, 'utf8'))?.[1] ?? 'base';
  if (parent === name) throw new Error(`image "${name}" names itself as its parent`);
  return { name, dir, files: listFiles(dir), parent };
}

function listFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(dir, rel));
    else if (entry.isFile()) out.push(rel);
  }
  return out.sort();
}
