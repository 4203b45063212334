import yargs, { type Argv } from 'yargs';
import { COMMANDS, type CommandModule } from './commands/command-table.js';
import { errorLine } from './error-line.js';
import { EXIT, UsageError } from './exit-codes.js';

/** Thrown by the stand-in builder of a command whose module was not loaded: yargs chose a command
 * other than the one guessed from argv, so main loads that one and parses again. */
class LoadCommand extends Error {
  constructor(readonly command: string) {
    super(`command ${command} not loaded`);
  }
}

/** The command yargs will most likely run: its first word that names one. Only a guess, so that
 * `fencecheck check` loads the check module alone (no Docker client, no lock libraries); a wrong
 * guess costs one more parse, never a wrong result. */
function guessCommand(argv: readonly string[]): string | undefined {
  return argv.find((a) => COMMANDS.some((c) => c.name === a));
}

async function parse(argv: readonly string[], loaded: { name: string; module: CommandModule } | undefined): Promise<number> {
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
    .demandCommand(1, 'name a command: test, check, report, suite, images, cleanup or list (see --help)')
    .strict()
    .recommendCommands()
    .fail((msg, err) => {
      // yargs' own complaints (unknown flag, missing argument) are usage errors; a command's are its own.
      if (!err || err.name === 'YError') throw new UsageError(`${msg || err?.message || 'bad arguments'} (see fencecheck --help)`);
      throw err;
    })
    .help()
    .version(false)
    .parseAsync();
  return code;
}

async function load(name: string): Promise<{ name: string; module: CommandModule }> {
  return { name, module: await COMMANDS.find((c) => c.name === name)!.load() };
}

/** Runs the CLI and resolves with the exit code; never throws, never prints a stack trace
 * unless FENCECHECK_DEBUG is set. Only the chosen command's module is imported. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    const guess = guessCommand(argv);
    try {
      return await parse(argv, guess === undefined ? undefined : await load(guess));
    } catch (err) {
      if (!(err instanceof LoadCommand)) throw err;
      return await parse(argv, await load(err.command));
    }
  } catch (err) {
    if (process.env.FENCECHECK_DEBUG) console.error(err);
    if (err instanceof UsageError) {
      console.error(`fencecheck: ${err.message.split('\n')[0]}`);
      return EXIT.badArguments;
    }
    console.error(`fencecheck: ${errorLine(err)}`);
    return EXIT.crash;
  }
}
