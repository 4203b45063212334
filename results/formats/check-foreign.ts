import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import type { Verdict } from '../../checkers/history.js';
import { checkLinearizable, type LinearizableResult } from '../../checkers/linearizable/check-linearizable.js';
import type { LinOp } from '../../checkers/linearizable/lin-op.js';
import { isModelName, MODEL_FS, MODEL_NAMES, type ModelName } from '../../checkers/linearizable/models/index.js';
import { detectFormat, FOREIGN_FORMATS, isForeignFormat, type ForeignFormat } from './detect-format.js';
import { InputError } from '../input-error.js';

export { FOREIGN_FORMATS, MODEL_NAMES };

export interface ForeignCheckOptions {
  model?: string;
  format?: string;
  /** The model's initial value (undefined: nil). */
  initial?: unknown;
  /** Check each key / lock separately; default true. */
  perKey?: boolean;
  /** Default 60 s. */
  timeLimitMs?: number;
  /** Default 1024 MB. */
  memoryLimitMb?: number;
}

export interface ForeignCheckResult extends LinearizableResult {
  valid: Verdict;
  summary: string;
  file: string;
  format: ForeignFormat;
  model: string;
}

export const DEFAULT_TIME_LIMIT_MS = 60_000;

/** Why a path the user named cannot be read: bad input. Anything else (ERR_STRING_TOO_LONG, ENOMEM) is a limit. */
const PATH_ERRORS = new Set(['ENOENT', 'EACCES', 'EPERM', 'EISDIR', 'ENOTDIR', 'ELOOP', 'ENAMETOOLONG']);

/**
 * Checks a history file another tool (or fencecheck) recorded for linearizability. Throws an
 * InputError (or a FormatError) with a one-line message for what the caller must fix: an
 * unreadable file, an unknown or undetectable format or model, a malformed line.
 */
export async function checkForeignFile(path: string, opts: ForeignCheckOptions): Promise<ForeignCheckResult> {
  if (opts.format !== undefined && !isForeignFormat(opts.format)) {
    throw new InputError(`unknown format "${opts.format}": choose one of ${FOREIGN_FORMATS.join(', ')}`);
  }
  if (opts.model !== undefined && !isModelName(opts.model)) {
    throw new InputError(`unknown model "${opts.model}": choose one of ${MODEL_NAMES.join(', ')}`);
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    // A file too large for one string is a limit of this checker, not a fault of the file.
    if (!PATH_ERRORS.has((err as NodeJS.ErrnoException).code ?? '')) throw err;
    throw new InputError(`cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}): give a readable history file`, { cause: err });
  }
  const format = (opts.format as ForeignFormat | undefined) ?? detectFormat(text);
  if (format === undefined) {
    const why = text.trim() === '' ? 'it is empty' : 'its first line is not one of them';
    throw new InputError(`cannot tell the format of ${path} (${why}): give --format ${FOREIGN_FORMATS.join('|')}`);
  }
  const chosen = opts.model as ModelName | undefined;
  const ops = (await readerOf(format))(text, chosen ?? 'mutex', path);
  const model = chosen ?? defaultModel(format, ops);
  if (ops.length === 0) return emptyResult(path, format, model, format === 'fencecheck' && await hasLockOps(text, path));
  const result = checkLinearizable(ops, {
    model, initial: opts.initial, perKey: opts.perKey ?? true, now: () => performance.now(),
    timeLimitMs: opts.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS, memoryLimitMb: opts.memoryLimitMb,
  });
  return { ...result, file: path, format };
}

/**
 * No client op left after the format's own reading (an empty file given with --format, or a
 * Jepsen history where every op failed and was dropped, as Knossos drops them): the empty
 * history is trivially linearizable, as Knossos and Porcupine say. A fencecheck lock run is
 * different: with no belief there is nothing it proves, and a run that did nothing is unknown, as
 * `check` says of the run folder.
 */
function emptyResult(path: string, format: ForeignFormat, model: string, lockOps: boolean): ForeignCheckResult {
  const base = { file: path, format, model, ops: 0, partitions: 0, configs: 0 };
  if (format === 'fencecheck' && !lockOps) {
    return { ...base, valid: 'unknown', summary: `${path} holds no acquire, read, write or release: a lock run that did nothing proves nothing` };
  }
  if (format === 'fencecheck') {
    return { ...base, valid: true, summary: `${path} holds no belief with a certain length (an acquire answered ok, then a proof of life): nothing two holders could share, trivially a ${model}` };
  }
  return { ...base, valid: true, summary: `${path} has no operation left to check (${format} drops failed ops): an empty history is trivially linearizable` };
}

/** Whether a fencecheck history has a client's lock operation (the final read is the harness's). */
async function hasLockOps(text: string, file: string): Promise<boolean> {
  const [{ parseHistoryJsonl }, { hasClientLockOp }] = await Promise.all([import('../history-jsonl.js'), import('../../checkers/lock-values.js')]);
  return hasClientLockOp(parseHistoryJsonl(text, { file }));
}

type Reader = (text: string, model: ModelName, file?: string) => LinOp[];

/** The reader of a format (`file` names it in messages), imported only when that format is
 * checked: a check loads one reader, not the four with their EDN and lock-history code. */
async function readerOf(format: ForeignFormat): Promise<Reader> {
  switch (format) {
    case 'jepsen-log': return (await import('./jepsen-log.js')).parseJepsenLog;
    case 'porcupine-kv': return (await import('./porcupine-kv.js')).parsePorcupineKv;
    case 'jepsen-edn': return (await import('./jepsen-edn.js')).parseJepsenEdn;
    case 'fencecheck': return (await import('./fencecheck-jsonl.js')).parseFencecheck;
  }
}

/** The model a format's histories are usually checked with; for Jepsen EDN, the first model
 * that knows every operation the clients ran. */
export function defaultModel(format: ForeignFormat, ops: readonly LinOp[]): ModelName {
  if (format === 'jepsen-log') return 'cas-register';
  if (format === 'porcupine-kv') return 'kv';
  if (format === 'fencecheck') return 'mutex';
  const fs = new Set(ops.map((op) => op.f));
  const fits = (['cas-register', 'set', 'kv', 'mutex'] as const).filter((m) => [...fs].every((f) => MODEL_FS[m].includes(f)));
  if (fits.length === 0) throw new InputError(`no model knows every operation of this history (${[...fs].join(', ')}): give --model ${MODEL_NAMES.join('|')}`);
  return fits[0] as ModelName;
}
