import fs from 'node:fs';
import path from 'node:path';

/** The files of one run (DESIGN.md section 5). */
export interface RunFolder {
  dir: string;
  test: string;
  history: string;
  register: string;
  results: string;
  report: string;
  nodes: string;
}

export function runFolderAt(dir: string): RunFolder {
  return {
    dir,
    test: path.join(dir, 'test.json'),
    history: path.join(dir, 'history.jsonl'),
    register: path.join(dir, 'register.jsonl'),
    results: path.join(dir, 'results.json'),
    report: path.join(dir, 'report.html'),
    nodes: path.join(dir, 'nodes'),
  };
}

/** Makes results/<name>/<UTC timestamp>/ and points results/latest at it. */
export function createRunFolder(opts: { root: string; name: string; startedAt: Date }): RunFolder {
  const stamp = opts.startedAt.toISOString().replaceAll(':', '-');
  const dir = path.join(opts.root, opts.name, stamp);
  fs.mkdirSync(path.join(dir, 'nodes'), { recursive: true });
  const latest = path.join(opts.root, 'latest');
  fs.rmSync(latest, { force: true });
  fs.symlinkSync(path.relative(opts.root, dir), latest);
  return runFolderAt(dir);
}
