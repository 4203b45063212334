import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BUILD_REFUSED } from '../docker/build-image.js';
import { productionPackages } from './production-packages.js';

/** The image every client container runs: the client code and the Node that runs it. */
export const CLIENT_IMAGE = 'client';

/** Where a client container has the fencecheck package (its dist/, package.json and node_modules). */
export const CLIENT_PACKAGE_DIR = '/opt/fencecheck';

/** The client image folder, staged outside the project; the built image stays, cached by content. */
export interface StagedClientImage {
  imageDir: string;
  /** Removes the staged folder (thousands of links: nearly a second, so it need not be awaited). */
  dispose(): Promise<void>;
}

/** Files a package carries for people and compilers, never loaded at run time. */
const NOT_RUN = /\.(d\.[cm]?ts|map|md|markdown)$/i;

export interface StageClientImageOptions {
  /** The fencecheck package folder on this host; its dist/ must be built. */
  projectRoot: string;
  /** The Node binary the clients run; default: the one running this harness. */
  nodeBinary?: string;
  /** The version that binary must report inside the image; default: this harness's. */
  nodeVersion?: string;
}

/**
 * Stages the client image: fencecheck's compiled dist/ (its .js files), package.json, the
 * node_modules its production dependencies need, and a Node binary. Containers then need no bind
 * mount of the project, so a remote engine (DOCKER_HOST) works, and since the image hash covers
 * every staged byte, a change to the code or to a dependency builds a new image.
 *
 * Which Node: the client code is compiled by tsc under the Node that runs this harness (its
 * @types/node, target ES2022) and its unit tests run under that same Node, which package.json's
 * engines requires to be at least the major it names. So the image carries this very binary, and
 * its build runs it inside the image and refuses, in one line, a binary that reports any other
 * version or cannot run there (another OS or CPU architecture than the engine's).
 */
export function stageClientImage(opts: StageClientImageOptions): StagedClientImage {
  const root = opts.projectRoot;
  const nodeVersion = opts.nodeVersion ?? process.version;
  checkEngines(root, nodeVersion);
  const dist = path.join(root, 'dist');
  if (!fs.existsSync(path.join(dist, 'workloads', 'client-main.js'))) {
    throw new Error(`${dist} has no compiled client (workloads/client-main.js): run \`npm run build\` first`);
  }
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'fencecheck-client-image-'));
  try {
    const imageDir = path.join(staging, CLIENT_IMAGE);
    const pkgDir = path.join(imageDir, 'fencecheck');
    place(opts.nodeBinary ?? process.execPath, path.join(imageDir, 'node'));
    place(path.join(root, 'package.json'), path.join(pkgDir, 'package.json'));
    placeTree(dist, path.join(pkgDir, 'dist'), (name) => name.endsWith('.js'));
    for (const dir of productionPackages(root)) {
      placeTree(dir, path.join(pkgDir, path.relative(root, dir)), (name) => !NOT_RUN.test(name), new Set(['node_modules']));
    }
    fs.writeFileSync(path.join(imageDir, 'Dockerfile'), dockerfile(nodeVersion));
    return { imageDir, dispose: () => fs.promises.rm(staging, { recursive: true, force: true }) };
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw err;
  }
}

function dockerfile(nodeVersion: string): string {
  const refusal = `${BUILD_REFUSED} the Node in the client image reports ($v) instead of ${nodeVersion}, the Node this harness runs `
    + 'and builds the client code for: run fencecheck with a Linux Node of the Docker engine\'s architecture';
  return [
    '# fencecheck-parent: fault-tools',
    '# The client code (harness/client-image.ts): the harness\'s own Node binary, checked here, then',
    '# fencecheck\'s compiled dist/ and production node_modules. Layers go from the least to the most often changed.',
    'ARG BASE',
    'FROM ${BASE}',
    'COPY node /usr/local/bin/node',
    `RUN v="$(/usr/local/bin/node --version 2>&1 | head -n 1)"; [ "$v" = "${nodeVersion}" ] || { echo "${refusal}"; exit 1; }`,
    `COPY fencecheck/node_modules ${CLIENT_PACKAGE_DIR}/node_modules`,
    `COPY fencecheck/package.json ${CLIENT_PACKAGE_DIR}/package.json`,
    `COPY fencecheck/dist ${CLIENT_PACKAGE_DIR}/dist`,
    '',
  ].join('\n');
}

/** The major version package.json's engines requires at least (`>=20` → 20), checked up front. */
function checkEngines(root: string, nodeVersion: string): void {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { engines?: { node?: string } };
  const least = /(\d+)/.exec(pkg.engines?.node ?? '')?.[1];
  const major = /^v?(\d+)/.exec(nodeVersion)?.[1];
  if (least !== undefined && major !== undefined && Number(major) < Number(least)) {
    throw new Error(`Node ${nodeVersion} is older than the ${pkg.engines?.node} fencecheck is built for: run it with Node ${least} or newer`);
  }
}

/** A hard link where the file system allows one (no bytes copied), else a copy. */
function place(from: string, to: string): void {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  try {
    fs.linkSync(from, to);
  } catch {
    fs.copyFileSync(from, to);
  }
}

function placeTree(from: string, to: string, keep: (name: string) => boolean, skipDirs: ReadonlySet<string> = new Set()): void {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) {
      if (!skipDirs.has(entry.name)) placeTree(source, path.join(to, entry.name), keep);
    } else if (entry.isFile() && keep(entry.name)) {
      place(source, path.join(to, entry.name));
    } else if (entry.isSymbolicLink() && fs.statSync(source, { throwIfNoEntry: false })?.isFile() && keep(entry.name)) {
      // A package's own link to a file (rare) is carried as the file it points to.
      place(fs.realpathSync(source), path.join(to, entry.name));
    }
  }
}

/** A set of images with the staged client image's folder, so ensureImages finds it (and, as the
 * parent of the `--lock-client` image, builds it first). */
export function withClientImage<T extends { names: string[]; dirs: Record<string, string> }>(images: T, staged: StagedClientImage): T {
  return { ...images, names: [...new Set([...images.names, CLIENT_IMAGE])], dirs: { ...images.dirs, [CLIENT_IMAGE]: staged.imageDir } };
}
