import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_DEBIAN_MIRROR, hostDebianMirror } from './debian-mirror.js';

const dirs: string[] = [];
function aptDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-apt-'));
  dirs.push(dir);
  fs.mkdirSync(path.join(dir, 'sources.list.d'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}
afterEach(() => { for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true }); });

describe('hostDebianMirror', () => {
  it('reads a deb822 stanza that names the suite, skipping security and disabled ones', () => {
    const dir = aptDir({
      'sources.list.d/a.sources': 'Types: deb\nURIs: http://security.example/debian-security\nSuites: bookworm-security\n\n'
        + 'Enabled: no\nTypes: deb\nURIs: http://off.example/debian\nSuites: bookworm\n',
      'sources.list.d/debian.sources': 'Types: deb\n# a comment\nURIs: http://mirror.example/debian/\nSuites: bookworm bookworm-updates\nComponents: main\n',
    });
    expect(hostDebianMirror({ suite: 'bookworm', aptDir: dir })).toBe('http://mirror.example/debian');
  });

  it('reads a one-line entry with options', () => {
    const dir = aptDir({ 'sources.list': '# deb http://old.example/debian bookworm main\ndeb [arch=amd64] http://one.example/debian bookworm main\n' });
    expect(hostDebianMirror({ suite: 'bookworm', aptDir: dir })).toBe('http://one.example/debian');
  });

  it('falls back to deb.debian.org', () => {
    expect(hostDebianMirror({ suite: 'bookworm', aptDir: aptDir({}) })).toBe(DEFAULT_DEBIAN_MIRROR);
  });
});
