import { errorLine } from './error-line.js';
import { EXIT, UsageError } from './exit-codes.js';

/** `check PATH [flags]` as usually typed runs without loading yargs, whose start-up costs more than
 * checking a small history (BENCHMARKS.md, "end to end"); anything else goes through yargs. */
async function run(argv: readonly string[]): Promise<number> {
  if (argv[0] === 'check') {
    const { fastCheckArgs } = await import('./commands/check-fast-args.js');
    const args = fastCheckArgs(argv.slice(1));
    if (args !== undefined) return (await import('./commands/check-command.js')).checkCommand(args);
  }
  return (await import('./yargs-cli.js')).runWithYargs(argv);
}

/** Runs the CLI and resolves with the exit code; never throws, never prints a stack trace
 * unless FENCECHECK_DEBUG is set. Only the chosen command's module is imported. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    return await run(argv);
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
