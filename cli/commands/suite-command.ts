import fs from 'node:fs';
import path from 'node:path';
import yargs, { type Argv } from 'yargs';
import { findBackend } from '../../backends/registry.js';
import { faultsFor } from '../../harness/faults-for.js';
import { resolveTestOptions } from '../../harness/test-options.js';
import { junitXml } from '../../harness/suite/junit.js';
import { readRunReport } from '../../harness/suite/run-report.js';
import { runSuite, type SuiteResult } from '../../harness/suite/run-suite.js';
import { parseShard, shardOf, type Shard } from '../../harness/suite/shard.js';
import { parseSuite, SuiteFileError, testArgs, type Suite, type SuiteRun } from '../../harness/suite/suite-file.js';
import { suiteIndexHtml } from '../../harness/suite/suite-index.js';
import { errorLine } from '../error-line.js';
import { EXIT, UsageError } from '../exit-codes.js';
import { testBuilder, testCommand, testOptionsFromArgs, type TestArgs } from './test-command.js';

export interface SuiteArgs { file: string; junit?: string; shard?: string; results: string; list?: boolean }

export function suiteBuilder(y: Argv): Argv<SuiteArgs> {
  return y
    .positional('file', { type: 'string', describe: 'a suite file (examples/suites/nightly.json)' })
    .option('junit', { type: 'string', describe: 'write a JUnit XML file: one test case per run, failing when a verdict is not the expected one' })
    .option('shard', { type: 'string', describe: 'run only shard I of N (I/N): runs are dealt round-robin, so N runners together run each once' })
    .option('results', { type: 'string', default: 'results', describe: 'folder for the run folders and index.html' })
    .option('list', { type: 'boolean', describe: 'print the runs (of this shard) and their expectations, run nothing' })
    .example('$0 suite examples/suites/nightly.json --junit junit.xml --shard 1/4', 'the first of four CI runners') as unknown as Argv<SuiteArgs>;
}

/** The run's flags as the test command parses them; a bad flag is the suite file's fault, found
 * before any run starts. */
async function parseRunArgs(run: SuiteRun, resultsRoot: string): Promise<{ args: TestArgs; argv: string[] }> {
  if ('results' in run.flags) throw new UsageError(`${run.id}: "results" is the suite's own (--results of fencecheck suite)`);
  const argv = ['test', ...testArgs(run.flags), '--results', resultsRoot, '--name', run.id];
  const parsed = await testBuilder(yargs(argv.slice(1))).strict().version(false).help(false)
    .fail((msg, err) => { throw new UsageError(`${run.id}: ${msg || err?.message} (suite keys are fencecheck test flags, see fencecheck test --help)`); }).parseAsync();
  // The same checks as `fencecheck test`, so a run that would be refused is refused before any starts.
  try {
    const options = resolveTestOptions(testOptionsFromArgs(parsed));
    faultsFor(findBackend(options.backend), options.nemesis);
  } catch (err) {
    throw new UsageError(`${run.id}: ${(err as Error).message}`);
  }
  return { args: parsed, argv };
}

/** The run folder a test wrote under <results>/<id>/ since `since` (folder names are UTC stamps). */
function newestFolder(root: string, id: string, since: Date): string | null {
  const dir = path.join(root, id);
  const stamp = since.toISOString().replaceAll(':', '-').slice(0, 19);
  const found = fs.existsSync(dir) ? fs.readdirSync(dir).filter((d) => d >= stamp).sort() : [];
  const last = found[found.length - 1];
  return last === undefined ? null : path.join(dir, last);
}

function loadSuite(file: string): Suite {
  if (!fs.existsSync(file)) throw new UsageError(`no such suite file: ${file} (see examples/suites/nightly.json)`);
  try {
    return parseSuite(fs.readFileSync(file, 'utf8'), file);
  } catch (err) {
    if (err instanceof SuiteFileError) throw new UsageError(err.message);
    throw err;
  }
}

function writeOutputs(opts: { suite: Suite; shard: Shard | null; args: SuiteArgs; results: SuiteResult[] }): string {
  const shard = opts.shard ? `${opts.shard.index}/${opts.shard.count}` : null;
  const root = opts.args.results;
  fs.mkdirSync(root, { recursive: true });
  const index = path.join(root, opts.shard ? `index-${opts.shard.index}-of-${opts.shard.count}.html` : 'index.html');
  fs.writeFileSync(index, suiteIndexHtml({ suite: opts.suite.name, shard, indexDir: path.dirname(index), results: opts.results }));
  if (opts.args.junit) {
    fs.mkdirSync(path.dirname(path.resolve(opts.args.junit)), { recursive: true });
    fs.writeFileSync(opts.args.junit, junitXml({ suite: opts.suite.name, shard, results: opts.results }));
  }
  return index;
}

/** Runs a suite's tests one at a time; exit 0 only when every run gave its expected verdict. */
export async function suiteCommand(args: SuiteArgs): Promise<number> {
  const suite = loadSuite(args.file);
  let shard: Shard | null = null;
  try {
    shard = args.shard === undefined ? null : parseShard(args.shard);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const runs = shard ? shardOf(suite.runs, shard) : suite.runs;
  const parsed = new Map<string, Awaited<ReturnType<typeof parseRunArgs>>>();
  for (const run of runs) parsed.set(run.id, await parseRunArgs(run, args.results));
  const shardText = shard ? ` (shard ${shard.index}/${shard.count})` : '';
  if (args.list) {
    for (const run of runs) console.log(`${run.id}\texpect ${run.expect}\t${testArgs(run.flags).join(' ')}`);
    return EXIT.valid;
  }
  console.error(`suite ${suite.name}${shardText}: ${runs.length} of ${suite.runs.length} runs, one at a time`);
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let results: SuiteResult[];
  try {
    results = await runSuite({
      runs, signal: stop.signal, onProgress: (line) => console.error(line),
      runOne: async (run) => {
        const { args: testArgsParsed, argv } = parsed.get(run.id) as Awaited<ReturnType<typeof parseRunArgs>>;
        const started = new Date();
        let failure: string | undefined;
        try {
          await testCommand(testArgsParsed, argv);
        } catch (err) {
          failure = errorLine(err);
          console.error(`fencecheck: ${failure}`);
        }
        return readRunReport({ folder: newestFolder(args.results, run.id, started), seconds: (Date.now() - started.getTime()) / 1000, ...(failure ? { failure } : {}) });
      },
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  const index = writeOutputs({ suite, shard, args, results });
  const unmet = results.filter((r) => r.outcome !== 'met');
  const missed = runs.length - results.length;
  console.error(`suite ${suite.name}${shardText}: ${results.length - unmet.length} of ${runs.length} as expected${unmet.map((r) => `; ${r.run.id}: ${r.outcome}`).join('')}${missed ? `; ${missed} not run (interrupted)` : ''}`);
  console.error(`index: ${index}${args.junit ? `, junit: ${args.junit}` : ''}`);
  return unmet.length === 0 && missed === 0 ? EXIT.valid : EXIT.invalid;
}
