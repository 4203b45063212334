import fs from 'node:fs';
import path from 'node:path';
import yargs, { type Argv } from 'yargs';
import { projectRoot } from '../harness/project-root.js';
import { COMMANDS, type CommandModule } from './commands/command-table.js';
import { EXIT, UsageError } from './exit-codes.js';

/** Thrown by the stand-in builder of a command whose module was not loaded: yargs chose a command
 * other than the one guessed from argv, so the module is loaded and argv parsed again. */
class LoadCommand extends Error {
  constructor(readonly command: string) {
    super(`command ${command} not loaded`);
  }
}

export interface LoadedCommand {
  name: string;
  module: CommandModule;
}

/** The command yargs will most likely run: its first word that names one. Only a guess, so that
 * a command loads its own module alone (`test` its Docker client, nothing else); a wrong guess
 * costs one more parse, never a wrong result. */
function guessCommand(argv: readonly string[]): string | undefined {
  return argv.find((a) => COMMANDS.some((c) => c.name === a));
}

function packageVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * Parses argv with yargs and runs the command it names, whose module must be `loaded` (any other
 * command throws LoadCommand). Resolves with the exit code; usage errors throw UsageError.
 */
export async function parseWithYargs(argv: readonly string[], loaded: LoadedCommand | undefined): Promise<number> {
  let code: number = EXIT.valid;
  let y = yargs([...argv])
    .scriptName('fencecheck')
    .usage('$0 <command> [options]\n\nA Jepsen-style checker for distributed locks.');
  for (const c of COMMANDS) {
    const module = loaded?.name === c.name ? loaded.module : undefined;
    const builder = module ? (b: Argv) => module.builder(b) : () => { throw new LoadCommand(c.name); };
    y = y.command(c.usage, c.describe, builder, async (a) => { code = await module!.run(a, argv); });
  }
  await y
    .demandCommand(1, 'name a command: test, check, report, suite, images, cleanup or list')
    .strict()
    .recommendCommands()
    .fail((msg, err) => {
      // yargs' own complaints (unknown flag, missing argument) are usage errors; a command's are its own.
      if (!err || err.name === 'YError') throw new UsageError(`${msg || err?.message || 'bad arguments'} (see fencecheck --help)`);
      throw err;
    })
    .help()
    .version(packageVersion())
    .parseAsync();
  return code;
}

async function load(name: string): Promise<LoadedCommand> {
  return { name, module: await COMMANDS.find((c) => c.name === name)!.load() };
}

/** Runs any command line through yargs, importing only the chosen command's module. */
export async function runWithYargs(argv: readonly string[]): Promise<number> {
  const guess = guessCommand(argv);
  try {
    return await parseWithYargs(argv, guess === undefined ? undefined : await load(guess));
  } catch (err) {
    if (!(err instanceof LoadCommand)) throw err;
    return await parseWithYargs(argv, await load(err.command));
  }
}
