import fs from 'node:fs';
import type { Argv } from 'yargs';
import { BACKENDS } from '../../harness/backends/registry.js';
import { FENCING_MODES, type FencingMode } from '../../harness/fenced-register.js';
import { runTest } from '../../harness/run-test.js';
import { TestOptionsError } from '../../harness/test-options.js';
import { parseNemesis } from '../../nemesis/registry.js';
import { formatSummary } from '../../results/summary.js';
import { exitCodeFor, UsageError } from '../exit-codes.js';
import { withSignals } from '../signals.js';
import { startStatusLine } from '../status-line.js';

export interface TestArgs {
  backend: string; nodes?: number; clients: number; ttl: number; fencing: string; nemesis: string;
  'nemesis-interval': number; 'fault-duration'?: number; 'time-limit': number; seed?: number; hold: string;
  'exclusion-decides'?: boolean; results: string; name?: string;
}

export function testBuilder(y: Argv): Argv<TestArgs> {
  return y
    .option('backend', { type: 'string', default: 'redis', describe: `lock service: ${Object.keys(BACKENDS).join(', ')}` })
    .option('nodes', { type: 'number', describe: 'lock nodes (default: the backend\'s own)' })
    .option('clients', { type: 'number', default: 5, describe: 'concurrent client processes, each in its own container' })
    .option('ttl', { type: 'number', default: 1000, describe: 'lock TTL / lease in milliseconds' })
    .option('fencing', { type: 'string', default: 'none', describe: `what the register checks: ${FENCING_MODES.join(', ')}` })
    .option('nemesis', { type: 'string', default: 'none', describe: 'faults, comma-separated (see `fencecheck list`)' })
    .option('nemesis-interval', { type: 'number', default: 3, describe: 'mean seconds between faults' })
    .option('fault-duration', { type: 'number', describe: 'milliseconds each fault lasts (default 2 x TTL + 500)' })
    .option('time-limit', { type: 'number', default: 30, describe: 'seconds of workload' })
    .option('seed', { type: 'number', describe: 'seed of the schedule (default: random, recorded in test.json)' })
    .option('hold', { type: 'string', default: '100-500', describe: 'milliseconds a holder waits between its read and its write, MIN-MAX' })
    .option('exclusion-decides', { type: 'boolean', describe: 'let a double holder decide the verdict (default: only with --fencing none)' })
    .option('results', { type: 'string', default: 'results', describe: 'folder for run folders' })
    .option('name', { type: 'string', describe: 'test name (default backend-nemesis-fencing)' })
    .example('$0 test --backend redis --clients 5 --ttl 1000 --nemesis pause-holder --fencing none --time-limit 30 --seed 7', 'a holder paused past its TTL, no fencing') as unknown as Argv<TestArgs>;
}

function parseHold(spec: string): { min: number; max: number } {
  const m = /^(\d+)(?:-(\d+))?$/.exec(spec.trim());
  if (!m) throw new UsageError(`--hold must be MIN-MAX milliseconds, e.g. 100-500 (got "${spec}")`);
  const min = Number(m[1]);
  return { min, max: m[2] === undefined ? min : Number(m[2]) };
}

export async function testCommand(args: TestArgs, argv: readonly string[]): Promise<number> {
  if (!BACKENDS[args.backend]) throw new UsageError(`unknown backend "${args.backend}": choose from ${Object.keys(BACKENDS).join(', ')}`);
  try {
    parseNemesis(args.nemesis);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const seed = args.seed ?? Math.floor(Math.random() * 2 ** 31);
  const test = {
    backend: args.backend, nodes: args.nodes, clients: args.clients, ttlMs: args.ttl, fencing: args.fencing as FencingMode,
    nemesis: args.nemesis, nemesisIntervalMs: args['nemesis-interval'] * 1000, faultDurationMs: args['fault-duration'],
    timeLimitMs: args['time-limit'] * 1000, seed, holdMs: parseHold(args.hold), exclusionDecides: args['exclusion-decides'],
    resultsRoot: args.results, name: args.name,
  };
  const status = startStatusLine({ timeLimitMs: test.timeLimitMs });
  try {
    const outcome = await withSignals((signal) => runTest({ test, argv, signal, onProgress: status.log, onOp: status.onOp }), status.log)
      .finally(() => status.stop());
    console.log(formatSummary({ folder: outcome.folder, results: outcome.results }));
    if (fs.existsSync(outcome.folder.report)) console.log(`report: ${outcome.folder.report}`);
    return exitCodeFor(outcome.results.valid);
  } catch (err) {
    if (err instanceof TestOptionsError) throw new UsageError(err.message);
    throw err;
  }
}
