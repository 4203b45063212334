import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { projectRoot } from './project-root.js';
import { prepareLockClient, type PreparedLockClient } from './lock-client-module.js';

// Modules of a user's, staged and loaded for real (the examples import `fencecheck`, so dist/ must be built).
const ROOT = projectRoot();
const prepared: PreparedLockClient[] = [];
afterEach(() => { for (const p of prepared.splice(0)) p.dispose(); });

function userModule(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-user-lock-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

async function prepare(file: string): Promise<PreparedLockClient> {
  const p = await prepareLockClient({ file, projectRoot: ROOT, clientRoot: '/opt/fencecheck' });
  prepared.push(p);
  return p;
}

describe('a user lock-client module', () => {
  it('the example is staged with what it imports, its packages the client image carries', async () => {
    const p = await prepare(path.join(ROOT, 'examples/lock-clients/redis-lock.mjs'));
    expect(p.files).toEqual(['redis-connection.mjs', 'redis-lock.mjs', 'retry-until.mjs']);
    expect(p.packages).toEqual(['fencecheck', 'ioredis']);
    expect(p.containerEntry).toBe('/opt/lock-client/module/redis-lock.mjs');
    expect(fs.readFileSync(path.join(p.imageDir, 'Dockerfile'), 'utf8')).toMatch(/^# fencecheck-parent: client$/m);
    expect(fs.existsSync(path.join(p.imageDir, 'module', 'retry-until.mjs'))).toBe(true);
  });

  it('keeps the layout of files imported from a sibling folder', async () => {
    const dir = userModule({
      'locks/mine.mjs': "import { x } from '../lib/x.mjs';\nexport default () => ({ acquire: async () => ({ token: x }), release: async () => ({ released: true }), close: async () => {} });\n",
      'lib/x.mjs': 'export const x = 1;\n',
    });
    const p = await prepare(path.join(dir, 'locks/mine.mjs'));
    expect(p.files).toEqual(['lib/x.mjs', 'locks/mine.mjs']);
    expect(p.containerEntry).toBe('/opt/lock-client/module/locks/mine.mjs');
  });

  it.each([
    ['a missing file', null, /no such file/],
    ['a syntax error', { 'm.mjs': 'export default function (\n' }, /cannot be loaded: SyntaxError|not a valid ES module/],
    ['no factory', { 'm.mjs': 'export const lock = 1;\n' }, /exports no lock-client factory/],
    ['a missing import', { 'm.mjs': "import './gone.mjs';\nexport default () => null;\n" }, /imports .*gone\.mjs, which does not exist/],
    ['a package the image lacks', { 'm.mjs': "import 'left-pad';\nexport default () => null;\n" }, /imports left-pad, which the client image does not carry/],
  ])('refuses %s in one line', async (_what, files, message) => {
    const file = files ? path.join(userModule(files), 'm.mjs') : path.join(os.tmpdir(), 'fc-no-such-lock.mjs');
    const err = await prepare(file).then(() => null, (e: unknown) => e as Error);
    expect(err?.name).toBe('LockClientModuleError');
    expect(err?.message).toMatch(message);
    expect(err?.message).not.toContain('\n');
  });
});
