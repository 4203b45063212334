import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { init, parse } from 'es-module-lexer';

/** An ES module and what it imports. */
export interface ModuleFiles {
  /** Absolute paths: the module and every file it imports by a relative path, transitively. */
  files: string[];
  /** Package names it imports (`ioredis`, `@scope/pkg`), node: built-ins left out. */
  packages: string[];
}

const BUILTINS = new Set(builtinModules);

/**
 * The files a module needs beside the packages it imports, found by reading its static imports
 * and its dynamic imports of string literals (an import of a computed name cannot be followed).
 * Throws a one-line error for a file that is missing or cannot be lexed.
 */
export async function moduleFiles(entry: string): Promise<ModuleFiles> {
  await init;
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string, from: string | null): void => {
    if (files.has(file)) return;
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
      throw new Error(from ? `${from} imports ${file}, which does not exist` : `${file} does not exist`);
    }
    files.add(file);
    let imports;
    try {
      [imports] = parse(fs.readFileSync(file, 'utf8'), file);
    } catch (err) {
      throw new Error(`${file} is not a valid ES module: ${(err as Error).message.split('\n')[0]}`, { cause: err });
    }
    const specifiers = imports.flatMap((i) => {
      if (i.type === 'import-meta' || (i.type === 'dynamic' && i.glob)) return [];
      if (i.type === 'static' && i.typeOnly) return [];
      return typeof i.specifier === 'string' ? [i.specifier] : [];
    });
    for (const specifier of specifiers) {
      if (specifier.startsWith('./') || specifier.startsWith('../')) visit(path.resolve(path.dirname(file), specifier), file);
      else if (specifier.startsWith('/') || specifier.startsWith('file:')) throw new Error(`${file} imports ${specifier} by an absolute path: use a relative one, so it can be copied along`);
      else if (!specifier.startsWith('node:') && !BUILTINS.has(specifier)) packages.add(packageName(specifier));
    }
  };
  visit(path.resolve(entry), null);
  return { files: [...files], packages: [...packages].sort() };
}

/** `@scope/pkg/sub` → `@scope/pkg`, `pkg/sub` → `pkg`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0] ?? specifier;
}
