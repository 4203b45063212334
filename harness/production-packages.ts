import fs from 'node:fs';
import path from 'node:path';

interface PackageJson {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/**
 * The folders of every package a project's production dependencies need, transitively, as Node
 * resolves them (a package's own node_modules first, then each folder above it up to the project).
 * Development dependencies are left out unless a production one needs them. A missing optional or
 * peer dependency is skipped (npm may not install it); a missing required one is an error that says
 * to install.
 */
export function productionPackages(projectRoot: string): string[] {
  const found = new Set<string>();
  const visit = (dir: string, pkg: PackageJson): void => {
    const wanted: Array<[string, boolean]> = [
      ...Object.keys(pkg.dependencies ?? {}).map((name): [string, boolean] => [name, true]),
      ...Object.keys({ ...pkg.optionalDependencies, ...pkg.peerDependencies }).map((name): [string, boolean] => [name, false]),
    ];
    for (const [name, required] of wanted) {
      const at = resolvePackage(dir, name, projectRoot);
      if (at === null) {
        if (required) throw new Error(`${name}, a dependency of ${dir}, is not installed: run \`npm install\` in ${projectRoot}`);
        continue;
      }
      if (found.has(at)) continue;
      found.add(at);
      visit(at, JSON.parse(fs.readFileSync(path.join(at, 'package.json'), 'utf8')) as PackageJson);
    }
  };
  const root = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as PackageJson;
  visit(projectRoot, { dependencies: root.dependencies });
  return [...found].sort();
}

function resolvePackage(from: string, name: string, projectRoot: string): string | null {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === projectRoot || path.dirname(dir) === dir) return null;
  }
}
