import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LockClientModuleError, loadUserLockClient } from '../workloads/user-lock-client.js';
import { CLIENT_IMAGE } from './client-image.js';
import type { ImageSet } from './images-needed.js';
import { moduleFiles } from './module-files.js';
import { TestOptionsError } from './test-options.js';

/** The image that carries a user's lock-client module on top of the client image. */
export const LOCK_CLIENT_IMAGE = 'lock-client';

/** A user's module (`--lock-client`), checked and staged as an image folder. */
export interface PreparedLockClient {
  /** The image folder (named LOCK_CLIENT_IMAGE) to build: the client image plus the module's files. */
  imageDir: string;
  /** The module's path inside a client container. */
  containerEntry: string;
  /** The files copied, relative to their common folder (for test.json). */
  files: string[];
  /** The packages it imports, all of them the client image's. */
  packages: string[];
  /** Removes the staging folder; the built image stays, cached by content. */
  dispose(): void;
}

export interface PrepareLockClientOptions {
  /** The module as the user named it. */
  file: string;
  /** The fencecheck package folder on this host. */
  projectRoot: string;
  /** Where the client image keeps the fencecheck package. */
  clientRoot: string;
}

const CONTAINER_DIR = '/opt/lock-client/module';

/**
 * Reads the module and what it imports, refuses what a client container could not run (a file
 * that is missing or not a module, a package the client image lacks, no factory exported), and
 * stages the files as an image folder. The staged copy is imported here, with the same layout a
 * container has (packages resolve to fencecheck's own, `fencecheck` to this package), so a module
 * that loads here loads there. Every refusal is a LockClientModuleError with one line.
 */
export async function prepareLockClient(opts: PrepareLockClientOptions): Promise<PreparedLockClient> {
  const entry = path.resolve(opts.file);
  if (!fs.existsSync(entry)) throw new LockClientModuleError(`--lock-client ${opts.file}: no such file`);
  const found = await moduleFiles(entry).catch((err: unknown) => {
    throw new LockClientModuleError(`--lock-client ${opts.file}: ${(err as Error).message}`, { cause: err });
  });
  const carried = clientPackages(opts.projectRoot);
  const foreign = found.packages.filter((p) => !carried.includes(p));
  if (foreign.length > 0) {
    throw new LockClientModuleError(`--lock-client ${opts.file} imports ${foreign.join(', ')}, which the client image does not carry; `
      + `it may import ${carried.join(', ')} and Node's built-ins`);
  }
  const root = commonFolder(found.files);
  const relative = found.files.map((f) => path.relative(root, f).split(path.sep).join('/')).sort();
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'fencecheck-lock-client-'));
  try {
    const imageDir = path.join(staging, LOCK_CLIENT_IMAGE);
    const moduleDir = path.join(imageDir, 'module');
    for (const file of relative) {
      fs.mkdirSync(path.dirname(path.join(moduleDir, file)), { recursive: true });
      fs.copyFileSync(path.join(root, file), path.join(moduleDir, file));
    }
    // The module keeps its own package's type (ES module or CommonJS for .js files).
    fs.writeFileSync(path.join(moduleDir, 'package.json'), `${JSON.stringify({ type: packageType(entry) })}\n`);
    fs.writeFileSync(path.join(imageDir, 'Dockerfile'), dockerfile(opts.clientRoot));
    // Symbolic links: resolution here as in the container; the image build skips them.
    fs.mkdirSync(path.join(moduleDir, 'node_modules'));
    fs.symlinkSync(opts.projectRoot, path.join(moduleDir, 'node_modules', 'fencecheck'), 'dir');
    fs.symlinkSync(path.join(opts.projectRoot, 'node_modules'), path.join(staging, 'node_modules'), 'dir');
    const entryRelative = path.relative(root, entry).split(path.sep).join('/');
    await loadUserLockClient(path.join(moduleDir, entryRelative), `--lock-client ${opts.file}`);
    return {
      imageDir, containerEntry: `${CONTAINER_DIR}/${entryRelative}`, files: relative, packages: found.packages,
      dispose: () => fs.rmSync(staging, { recursive: true, force: true }),
    };
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw err;
  }
}

function dockerfile(clientRoot: string): string {
  return [
    `# fencecheck-parent: ${CLIENT_IMAGE}`,
    '# A user\'s lock-client module (--lock-client) on top of the client image; packages resolve to fencecheck\'s.',
    'ARG BASE',
    'FROM ${BASE}',
    `COPY module ${CONTAINER_DIR}`,
    `RUN mkdir -p ${CONTAINER_DIR}/node_modules && ln -sfn ${clientRoot} ${CONTAINER_DIR}/node_modules/fencecheck `
      + `&& ln -sfn ${clientRoot}/node_modules /opt/lock-client/node_modules`,
    '',
  ].join('\n');
}

/** fencecheck's own dependencies (what the client image carries) and fencecheck itself. */
function clientPackages(projectRoot: string): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  return ['fencecheck', ...Object.keys(pkg.dependencies ?? {})].sort();
}

function commonFolder(files: readonly string[]): string {
  let common = path.dirname(files[0] ?? '.');
  for (const file of files) {
    while (path.relative(common, file).startsWith('..')) common = path.dirname(common);
  }
  return common;
}

/** The `type` of the package the file belongs to (its nearest package.json), as Node reads .js files. */
function packageType(file: string): string {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) return (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { type?: string }).type ?? 'commonjs';
    if (path.dirname(dir) === dir) return 'commonjs';
  }
}

/** `--lock-client` as a test runs it: null without one; a module that cannot serve is a TestOptionsError (exit 254). */
export async function prepareTestLockClient(opts: Omit<PrepareLockClientOptions, 'file'> & { file: string | null }): Promise<PreparedLockClient | null> {
  if (opts.file === null) return null;
  try {
    return await prepareLockClient({ ...opts, file: opts.file });
  } catch (err) {
    if (err instanceof LockClientModuleError) throw new TestOptionsError(err.message, { cause: err });
    throw err;
  }
}

/** The images of a test plus the one that carries the user's module, when there is one. */
export function withLockClientImage(images: ImageSet, lockClient: PreparedLockClient | null): ImageSet {
  if (!lockClient) return images;
  return { names: [...images.names, LOCK_CLIENT_IMAGE], dirs: { ...images.dirs, [LOCK_CLIENT_IMAGE]: lockClient.imageDir } };
}
