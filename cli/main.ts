import yargs from 'yargs';
import { EngineUnavailableError } from '../docker/engine.js';
import { checkBuilder, checkCommand, type CheckArgs } from './commands/check-command.js';
import { cleanupCommand } from './commands/cleanup-command.js';
import { imagesCommand } from './commands/images-command.js';
import { listCommand } from './commands/list-command.js';
import { reportBuilder, reportCommand, type ReportArgs } from './commands/report-command.js';
import { suiteBuilder, suiteCommand, type SuiteArgs } from './commands/suite-command.js';
import { testBuilder, testCommand, type TestArgs } from './commands/test-command.js';
import { errorLine } from './error-line.js';
import { EXIT, UsageError } from './exit-codes.js';

/** Runs the CLI and resolves with the exit code; never throws, never prints a stack trace
 * unless FENCECHECK_DEBUG is set. */
export async function main(argv: readonly string[]): Promise<number> {
  let code: number = EXIT.valid;
  const run = (work: () => Promise<number> | number) => async () => { code = await work(); };
  try {
    await yargs([...argv])
      .scriptName('fencecheck')
      .usage('$0 <command> [options]\n\nA Jepsen-style checker for distributed locks.')
      .command('test', 'run a lock test against a real cluster in Docker', testBuilder, (a) => run(() => testCommand(a as unknown as TestArgs, argv))())
      .command('check <path>', 're-check a run folder or history, or check a foreign history for linearizability', checkBuilder, (a) => run(() => checkCommand(a as unknown as CheckArgs))())
      .command('report <path>', 're-render report.html of a run folder from its files', reportBuilder, (a) => run(() => reportCommand(a as unknown as ReportArgs))())
      .command('suite <file>', 'run a matrix of tests with expected verdicts, one at a time', suiteBuilder, (a) => run(() => suiteCommand(a as unknown as SuiteArgs))())
      .command('images', 'build the node and client images (cached by content hash)', (y) => y.option('offline', { type: 'boolean', describe: 'never build: fail if an image is missing' }), (a) => run(() => imagesCommand(a))())
      .command('cleanup', 'remove every container and network fencecheck runs left behind', {}, () => run(cleanupCommand)())
      .command('list', 'list backends, workloads, nemeses, models and formats', {}, () => run(listCommand)())
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
  } catch (err) {
    if (process.env.FENCECHECK_DEBUG) console.error(err);
    if (err instanceof UsageError) {
      console.error(`fencecheck: ${err.message.split('\n')[0]}`);
      return EXIT.badArguments;
    }
    if (err instanceof EngineUnavailableError) {
      console.error(`fencecheck: ${errorLine(err)}`);
      return EXIT.crash;
    }
    console.error(`fencecheck: ${errorLine(err)}`);
    return EXIT.crash;
  }
}
