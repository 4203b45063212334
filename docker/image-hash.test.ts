import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readImageContext } from './image-context.js';
import { imageHash } from './image-hash.js';

const files = [
  { path: 'Dockerfile', content: 'ARG BASE\nFROM ${BASE}\nRUN true\n' },
  { path: 'lib/clock.c', content: Buffer.from([0, 1, 2, 3]) },
];

describe('imageHash', () => {
  it('gives the same hash for the same inputs, in any file order', () => {
    const a = imageHash({ parent: 'fencecheck/base:1', files });
    expect(imageHash({ parent: 'fencecheck/base:1', files: [...files].reverse() })).toBe(a);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes when any file content changes, by even one byte', () => {
    const a = imageHash({ parent: 'p', files });
    const changed = [files[0]!, { path: 'lib/clock.c', content: Buffer.from([0, 1, 2, 4]) }];
    expect(imageHash({ parent: 'p', files: changed })).not.toBe(a);
  });

  it('changes when a file is added, removed or renamed', () => {
    const a = imageHash({ parent: 'p', files });
    expect(imageHash({ parent: 'p', files: [...files, { path: 'x', content: '' }] })).not.toBe(a);
    expect(imageHash({ parent: 'p', files: files.slice(0, 1) })).not.toBe(a);
    expect(imageHash({ parent: 'p', files: [files[0]!, { ...files[1]!, path: 'lib/clock2.c' }] })).not.toBe(a);
  });

  it('changes when the parent image changes', () => {
    expect(imageHash({ parent: 'fencecheck/base:1', files })).not.toBe(imageHash({ parent: 'fencecheck/base:2', files }));
  });

  it('cannot be fooled by moving bytes between a path and its content', () => {
    expect(imageHash({ parent: 'p', files: [{ path: 'ab', content: 'c' }] }))
      .not.toBe(imageHash({ parent: 'p', files: [{ path: 'a', content: 'bc' }] }));
  });
});

describe('readImageContext', () => {
  it('lists every file of the folder and reads the parent directive', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-ctx-'));
    try {
      fs.mkdirSync(path.join(root, 'skew', 'src'), { recursive: true });
      fs.writeFileSync(path.join(root, 'skew', 'Dockerfile'), '# fencecheck-parent: redis\nARG BASE\nFROM ${BASE}\n');
      fs.writeFileSync(path.join(root, 'skew', 'src', 'skew.c'), 'int x;');
      expect(readImageContext('skew', root)).toMatchObject({ name: 'skew', parent: 'redis', files: ['Dockerfile', 'src/skew.c'] });
      expect(() => readImageContext('nope', root)).toThrow(/unknown image "nope".*known: skew/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('finds the shipped image folders, each built FROM the BASE argument', () => {
    for (const [name, parent] of [['fault-tools', 'base'], ['node-client', 'fault-tools']] as const) {
      const context = readImageContext(name);
      expect(context.parent).toBe(parent);
      expect(fs.readFileSync(path.join(context.dir, 'Dockerfile'), 'utf8')).toMatch(/^ARG BASE\nFROM \$\{BASE\}/m);
    }
  });
});
