import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The fencecheck package folder, found from this file whether it runs from source or dist/. */
export function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === 'fencecheck') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the fencecheck package folder');
    dir = parent;
  }
}
