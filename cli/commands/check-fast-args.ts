import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CHECK_OPTIONS, isCheckOptionName, type CheckArgs } from './check-options.js';

/** util.parseArgs' options, derived from the one table: a number is read as a string, then checked. */
const PARSE_OPTIONS: NonNullable<ParseArgsConfig['options']> = Object.fromEntries(
  Object.entries(CHECK_OPTIONS).map(([name, o]) => [name, { type: o.type === 'boolean' ? 'boolean' : 'string' }]),
);

/** A number written the one way every parser reads alike (yargs also takes 1e3, 0x10, " 5", ""). */
const PLAIN_NUMBER = /^\d+(\.\d+)?$/;

/**
 * The arguments after `check`, read without yargs (whose loading costs more than the check of a
 * small history), or undefined when anything is unusual: --help, an unknown flag, `--no-…`, a
 * camelCase form, a repeated flag, `--`, a number not written plainly, a path missing, extra or
 * starting with "-". Then yargs reads the whole command line, as the one source of help and of
 * error messages. What this accepts, yargs reads to the same values (cli/main.test.ts holds both
 * to a table).
 */
export function fastCheckArgs(argv: readonly string[]): CheckArgs | undefined {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: PARSE_OPTIONS, strict: true, allowPositionals: true, tokens: true });
  } catch {
    return undefined;
  }
  const { values, positionals, tokens } = parsed;
  const path = positionals[0];
  if (positionals.length !== 1 || path === undefined || path.startsWith('-')) return undefined;
  const names = tokens.flatMap((t) => (t.kind === 'option' ? [t.name] : []));
  if (tokens.some((t) => t.kind === 'option-terminator') || new Set(names).size !== names.length) return undefined;
  const args: Record<string, unknown> = { path };
  for (const [name, value] of Object.entries(values)) {
    if (!isCheckOptionName(name)) return undefined;
    if (CHECK_OPTIONS[name].type !== 'number') args[name] = value;
    else if (typeof value === 'string' && PLAIN_NUMBER.test(value)) args[name] = Number(value);
    else return undefined;
  }
  return args as CheckArgs;
}
