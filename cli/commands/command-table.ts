import type { Argv } from 'yargs';

/** What a command's module gives the CLI once loaded: its flags and its work. */
export interface CommandModule {
  builder(y: Argv): Argv;
  run(args: unknown, argv: readonly string[]): Promise<number> | number;
}

export interface CommandEntry {
  name: string;
  /** yargs' command string (name and positionals). */
  usage: string;
  describe: string;
  load(): Promise<CommandModule>;
}

const noFlags = (y: Argv): Argv => y;

/** Every command, its help line, and how to load it. The modules are imported only when their
 * command runs: `check` must not pay for dockerode, the lock libraries or execa (hundreds of
 * milliseconds of start-up, BENCHMARKS.md "Linearizability checker"). */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'test', usage: 'test', describe: 'run a lock test against a real cluster in Docker',
    load: async () => {
      const m = await import('./test-command.js');
      return { builder: m.testBuilder, run: (a, argv) => m.testCommand(a as Parameters<typeof m.testCommand>[0], argv) };
    },
  },
  {
    name: 'check', usage: 'check <path>', describe: 're-check a run folder or history, or check a foreign history for linearizability',
    load: async () => {
      const m = await import('./check-command.js');
      return { builder: m.checkBuilder, run: (a) => m.checkCommand(a as Parameters<typeof m.checkCommand>[0]) };
    },
  },
  {
    name: 'report', usage: 'report <path>', describe: 're-render report.html of a run folder from its files',
    load: async () => {
      const m = await import('./report-command.js');
      return { builder: m.reportBuilder, run: (a) => m.reportCommand(a as Parameters<typeof m.reportCommand>[0]) };
    },
  },
  {
    name: 'suite', usage: 'suite <file>', describe: 'run a matrix of tests with expected verdicts, one at a time',
    load: async () => {
      const m = await import('./suite-command.js');
      return { builder: m.suiteBuilder, run: (a) => m.suiteCommand(a as Parameters<typeof m.suiteCommand>[0]) };
    },
  },
  {
    name: 'images', usage: 'images', describe: 'build the node and client images (cached by content hash)',
    load: async () => {
      const m = await import('./images-command.js');
      return {
        builder: (y) => y.option('offline', { type: 'boolean', describe: 'never build: fail if an image is missing' }),
        run: (a) => m.imagesCommand(a as Parameters<typeof m.imagesCommand>[0]),
      };
    },
  },
  {
    name: 'cleanup', usage: 'cleanup', describe: 'remove every container and network fencecheck runs left behind',
    load: async () => {
      const m = await import('./cleanup-command.js');
      return { builder: noFlags, run: () => m.cleanupCommand() };
    },
  },
  {
    name: 'list', usage: 'list', describe: 'list backends, workloads, nemeses, models and formats',
    load: async () => {
      const m = await import('./list-command.js');
      return { builder: noFlags, run: () => m.listCommand() };
    },
  },
];
