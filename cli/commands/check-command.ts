import fs from 'node:fs';
import path from 'node:path';
import type { Argv } from 'yargs';
import type { RunResults } from '../../results/check-run.js';
import { runFolderAt, type RunFolder } from '../../results/run-folder.js';
import { exitCodeFor, UsageError } from '../exit-codes.js';
import { CHECK_OPTIONS, type CheckArgs } from './check-options.js';

export function checkBuilder(y: Argv): Argv<CheckArgs> {
  let b = y.positional('path', { type: 'string', describe: 'a run folder (results/latest), its history.jsonl, or a foreign history file' });
  for (const [name, option] of Object.entries(CHECK_OPTIONS)) b = b.option(name, option);
  return b
    .example('$0 check results/latest', 're-run every lock checker on a saved run, no Docker needed')
    .example('$0 check etcd_002.log --model cas-register --format jepsen-log', 'check a Jepsen history for linearizability') as unknown as Argv<CheckArgs>;
}

function parseInitial(raw: string | undefined): unknown {
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** What a failed check exits with (check-failure.ts), imported only when a check fails: it knows
 * every reader's error classes. */
async function checkFailure(err: unknown): Promise<Error> {
  return (await import('../check-failure.js')).checkFailure(err);
}

const READ_ONLY = new Set(['EACCES', 'EPERM', 'EROFS']);

/** Writes the results where asked. The verdict never depends on it: into a run folder that cannot
 * be written (a read-only copy, an archive) nothing is written and stderr says so; a file the
 * user named with --output that cannot be written is bad input. */
function saveResults(results: RunResults, file: string, named: boolean, writeResults: (r: RunResults, f: string) => void): void {
  try {
    writeResults(results, file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (named) throw new UsageError(`cannot write --output ${file} (${code || (err as Error).message}): give a writable file`, { cause: err });
    if (!READ_ONLY.has(code)) throw err;
    console.error(`note: ${file} not written (${code}: the run folder is read-only); give --output FILE to keep the results`);
  }
}

/** Past this much history a check takes seconds (about 4 s a million lines here): say what it is
 * doing rather than sit silent. */
const LONG_CHECK_BYTES = 64 << 20;

function announceLongCheck(folder: RunFolder): void {
  const size = (file: string): number => (fs.existsSync(file) ? fs.statSync(file).size : 0);
  const [history, register] = [size(folder.history), size(folder.register)];
  if (history < LONG_CHECK_BYTES) return;
  const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(0)} MB`;
  console.error(`checking ${mb(history)} of history${register > 0 ? ` and ${mb(register)} of register log` : ''} (a few seconds per million lines) …`);
}

/** A run folder, or a history.jsonl inside one, is re-checked with the lock checkers; anything
 * else, or any file with --model / --format, goes to the linearizability checker. */
export async function checkCommand(args: CheckArgs): Promise<number> {
  if (!fs.existsSync(args.path)) throw new UsageError(`no such file or folder: ${args.path}`);
  const isDir = fs.statSync(args.path).isDirectory();
  const runDir = isDir ? args.path : path.basename(args.path) === 'history.jsonl' ? path.dirname(args.path) : null;
  if (runDir !== null && args.model === undefined && args.format === undefined) {
    const folder = runFolderAt(runDir);
    if (!fs.existsSync(folder.history)) throw new UsageError(`${runDir} has no history.jsonl: give a run folder such as results/latest`);
    // Each kind of input loads only its own checkers: a foreign history, the linearizability
    // search alone; a run folder, the lock checkers.
    const [{ checkRunFolder, writeResults }, { formatSummary }] = await Promise.all([import('../../results/check-run.js'), import('../../results/summary.js')]);
    announceLongCheck(folder);
    let results;
    try {
      results = checkRunFolder(folder);
    } catch (err) {
      // The checkers never throw (a failing checker says unknown): an unreadable run folder, a limit or a bug.
      throw await checkFailure(err);
    }
    saveResults(results, args.output ?? folder.results, args.output !== undefined, writeResults);
    console.log(args.json ? JSON.stringify(results, null, 2) : formatSummary({ folder, results }));
    return exitCodeFor(results.valid);
  }
  if (isDir) throw new UsageError(`${args.path} is a folder: give a history file to check with --model`);
  const { checkForeignFile } = await import('../../results/formats/check-foreign.js');
  let result;
  try {
    result = await checkForeignFile(args.path, {
      model: args.model, format: args.format, initial: parseInitial(args.initial), perKey: args['per-key'],
      timeLimitMs: args['time-limit'] === undefined ? undefined : args['time-limit'] * 1000, memoryLimitMb: args['memory-limit'],
    });
  } catch (err) {
    throw await checkFailure(err);
  }
  console.log(args.json ? JSON.stringify(result, null, 2) : `${args.path}: ${String(result.valid)}: ${result.summary}`);
  return exitCodeFor(result.valid);
}
