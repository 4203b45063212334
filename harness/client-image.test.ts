import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { imageHash } from '../docker/image-hash.js';
import { readImageContext } from '../docker/image-context.js';
import { stageClientImage, type StagedClientImage } from './client-image.js';

const made: string[] = [];
const staged: StagedClientImage[] = [];
afterEach(async () => {
  for (const s of staged.splice(0)) await s.dispose();
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A package folder shaped like fencecheck's: a compiled client, one production and one dev dependency. */
function project(engines = '>=20'): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-client-image-'));
  made.push(root);
  const write = (file: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  write('package.json', JSON.stringify({ name: 'fencecheck', type: 'module', engines: { node: engines }, dependencies: { driver: '1' }, devDependencies: { compiler: '1' } }));
  write('dist/workloads/client-main.js', 'console.log(1);\n');
  write('dist/workloads/client-main.d.ts', 'export {};\n');
  write('node_modules/driver/package.json', JSON.stringify({ name: 'driver', dependencies: { wire: '1' } }));
  write('node_modules/driver/index.js', 'export default 1;\n');
  write('node_modules/driver/README.md', 'docs\n');
  write('node_modules/wire/package.json', JSON.stringify({ name: 'wire' }));
  write('node_modules/wire/index.js', 'export default 2;\n');
  write('node_modules/compiler/package.json', JSON.stringify({ name: 'compiler' }));
  write('node', 'a node binary\n');
  return root;
}

function stage(root: string, nodeVersion = 'v20.1.0'): { files: string[]; hash: string; dockerfile: string } {
  const s = stageClientImage({ projectRoot: root, nodeBinary: path.join(root, 'node'), nodeVersion });
  staged.push(s);
  const context = readImageContext('client', path.dirname(s.imageDir));
  const files = context.files.map((file) => ({ path: file, content: fs.readFileSync(path.join(context.dir, file)) }));
  return { files: context.files, hash: imageHash({ parent: 'fault-tools', files }), dockerfile: fs.readFileSync(path.join(context.dir, 'Dockerfile'), 'utf8') };
}

describe('the client image folder', () => {
  it('carries the compiled client, the production dependencies and the Node binary, nothing of development', () => {
    const { files, dockerfile } = stage(project());
    expect(files).toEqual(['Dockerfile', 'fencecheck/dist/workloads/client-main.js', 'fencecheck/node_modules/driver/index.js',
      'fencecheck/node_modules/driver/package.json', 'fencecheck/node_modules/wire/index.js', 'fencecheck/node_modules/wire/package.json',
      'fencecheck/package.json', 'node']);
    expect(dockerfile).toMatch(/^# fencecheck-parent: fault-tools$/m);
    // The build runs the binary in the image and refuses any other version, in one line.
    expect(dockerfile).toMatch(/RUN v="\$\(\/usr\/local\/bin\/node --version.*\[ "\$v" = "v20\.1\.0" \] \|\| \{ echo "fencecheck-build-refused: /);
  });

  it('has another hash when the compiled code, a dependency or the Node changes, and the same otherwise', () => {
    const root = project();
    const first = stage(root).hash;
    expect(stage(root).hash).toBe(first);
    fs.appendFileSync(path.join(root, 'dist/workloads/client-main.js'), 'console.log(2);\n');
    const code = stage(root).hash;
    expect(code).not.toBe(first);
    fs.appendFileSync(path.join(root, 'node_modules/wire/index.js'), '// patched\n');
    const dependency = stage(root).hash;
    expect(dependency).not.toBe(code);
    expect(stage(root, 'v22.0.0').hash).not.toBe(dependency);
  });

  it('refuses a Node older than engines and a project that is not built, in one line', () => {
    const root = project('>=20');
    expect(() => stageClientImage({ projectRoot: root, nodeBinary: path.join(root, 'node'), nodeVersion: 'v18.20.4' }))
      .toThrow(/^Node v18\.20\.4 is older than the >=20 fencecheck is built for: run it with Node 20 or newer$/);
    fs.rmSync(path.join(root, 'dist'), { recursive: true });
    expect(() => stageClientImage({ projectRoot: root, nodeBinary: path.join(root, 'node'), nodeVersion: 'v20.1.0' }))
      .toThrow(/has no compiled client .*: run `npm run build` first$/);
  });
});
