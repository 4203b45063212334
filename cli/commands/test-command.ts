import fs from 'node:fs';
import type { Argv } from 'yargs';
import { BACKEND_NAMES, BACKENDS } from '../../backends/registry.js';
import { allBackendOptions } from '../../harness/backend-options.js';
import { FENCING_MODES, type FencingMode } from '../../harness/fenced-register.js';
import { runTest } from '../../harness/run-test.js';
import { TestOptionsError, type TestOptions } from '../../harness/test-options.js';
import { formatSummary } from '../../results/summary.js';
import { ON_LEASE_LOST, type OnLeaseLost } from '../../workloads/protocol.js';
import { exitCodeFor, UsageError } from '../exit-codes.js';
import { withSignals } from '../signals.js';
import { startStatusLine } from '../status-line.js';

export interface TestArgs {
  backend: string; recipe?: string; nodes?: number; clients: number; ttl?: number; fencing: string; nemesis: string;
  'nemesis-interval': number; 'fault-duration'?: number; 'clock-offset'?: number; delay?: number; loss?: number;
  'time-limit': number; seed?: number; hold: string; 'key-every': number; renew?: boolean; 'on-lease-lost'?: string;
  'exclusion-decides'?: boolean; image?: string[]; 'lock-client'?: string; results: string; name?: string;
  [backendOption: string]: unknown;
}

export function testBuilder(y: Argv): Argv<TestArgs> {
  let built = y
    .option('backend', { type: 'string', default: 'redis', describe: `lock service: ${BACKEND_NAMES.join(', ')}` })
    .option('recipe', { type: 'string', describe: 'how clients use the service (default: the backend\'s first; see `fencecheck list`)' })
    .option('nodes', { type: 'number', describe: 'lock nodes (default: the backend\'s own)' })
    .option('clients', { type: 'number', default: 5, describe: 'concurrent client processes, each in its own container' })
    .option('ttl', { type: 'number', describe: 'lock TTL / lease in milliseconds (default 1000; etcd 2000, its shortest lease)' })
    .option('fencing', { type: 'string', default: 'none', describe: `what the register checks: ${FENCING_MODES.join(', ')}` })
    .option('nemesis', { type: 'string', default: 'none', describe: 'faults FAULT-TARGET, comma-separated (see `fencecheck list`)' })
    .option('nemesis-interval', { type: 'number', default: 3, describe: 'mean seconds between faults' })
    .option('fault-duration', { type: 'number', describe: 'milliseconds each fault lasts (default 2 x TTL + 500)' })
    .option('clock-offset', { type: 'number', describe: 'milliseconds clock-bump jumps and clock-strobe swings, negative allowed (default TTL + 500)' })
    .option('delay', { type: 'number', describe: 'milliseconds of delay added by delay faults (default 200)' })
    .option('loss', { type: 'number', describe: 'percent of packets dropped by loss faults (default 30)' })
    .option('time-limit', { type: 'number', default: 30, describe: 'seconds of workload' })
    .option('seed', { type: 'number', describe: 'seed of the schedule (default: random, recorded in test.json)' })
    .option('hold', { type: 'string', default: '100-500', describe: 'milliseconds a holder waits between its read and its write, MIN-MAX' })
    .option('key-every', { type: 'number', default: 1000, describe: 'elements written to one register key before moving to a fresh one (bounds every value)' })
    .option('renew', { type: 'boolean', describe: 'clients extend their lease every TTL/3 while holding (--hold may then exceed the TTL)' })
    .option('on-lease-lost', { type: 'string', describe: `with --renew, what a client does once its lease is known lost: ${ON_LEASE_LOST.join(', ')} (default continue)` })
    .option('exclusion-decides', { type: 'boolean', describe: 'let a double holder decide the verdict (default: only with --fencing none)' })
    .option('image', { type: 'string', array: true, describe: 'NAME=TAG: run this image instead of building NAME (recorded in test.json)' })
    .option('lock-client', { type: 'string', describe: 'your own lock-client module (ES module exporting a LockClientFactory), run by every client instead of the backend\'s recipe' })
    .option('results', { type: 'string', default: 'results', describe: 'folder for run folders' })
    .option('name', { type: 'string', describe: 'test name (default backend-nemesis-fencing)' });
  // Each backend's own options are flags too; defaults are filled in for the chosen backend only.
  for (const { backend, option } of allBackendOptions()) {
    const choices = option.choices ? ` (${option.choices.join(', ')})` : '';
    const def = option.default === undefined ? '' : `, default ${String(option.default)}`;
    built = built.option(option.name, { type: option.type, describe: `[${backend}] ${option.describe}${choices}${def}` });
  }
  return built
    .example('$0 test --backend redis --clients 5 --ttl 1000 --nemesis pause-holder --fencing none --time-limit 30 --seed 7', 'a holder paused past its TTL, no fencing') as unknown as Argv<TestArgs>;
}

function parseHold(spec: string): { min: number; max: number } {
  const m = /^(\d+)(?:-(\d+))?$/.exec(spec.trim());
  if (!m) throw new UsageError(`--hold must be MIN-MAX milliseconds, e.g. 100-500 (got "${spec}")`);
  const min = Number(m[1]);
  return { min, max: m[2] === undefined ? min : Number(m[2]) };
}

function parseImages(specs: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const spec of specs ?? []) {
    const m = /^([a-z0-9][a-z0-9_.-]*)=(\S+)$/.exec(spec);
    if (!m) throw new UsageError(`--image must be NAME=TAG, e.g. redis=redis:7.2 (got "${spec}")`);
    out[m[1] as string] = m[2] as string;
  }
  return out;
}

const defaultTtlMs = (backend: string): number => BACKENDS.find((b) => b.name === backend)?.defaultTtlMs ?? 1000;

/** The test a command line describes (a random seed when none is given, recorded in test.json). */
export function testOptionsFromArgs(args: TestArgs): TestOptions {
  const backendOptions = Object.fromEntries(allBackendOptions().map(({ option }) => [option.name, args[option.name]]).filter(([, v]) => v !== undefined));
  return {
    backend: args.backend, recipe: args.recipe, nodes: args.nodes, clients: args.clients, ttlMs: args.ttl ?? defaultTtlMs(args.backend), fencing: args.fencing as FencingMode,
    nemesis: args.nemesis, nemesisIntervalMs: args['nemesis-interval'] * 1000, faultDurationMs: args['fault-duration'],
    clockOffsetMs: args['clock-offset'], delayMs: args.delay, lossPercent: args.loss,
    timeLimitMs: args['time-limit'] * 1000, seed: args.seed ?? Math.floor(Math.random() * 2 ** 31), holdMs: parseHold(args.hold), keyEvery: args['key-every'], renew: args.renew,
    onLeaseLost: args['on-lease-lost'] as OnLeaseLost | undefined, exclusionDecides: args['exclusion-decides'],
    backendOptions, images: parseImages(args.image), lockClient: args['lock-client'], resultsRoot: args.results, name: args.name,
  };
}

export async function testCommand(args: TestArgs, argv: readonly string[]): Promise<number> {
  const test = testOptionsFromArgs(args);
  const status = startStatusLine({ timeLimitMs: test.timeLimitMs });
  try {
    const outcome = await withSignals((signal) => runTest({ test, argv, signal, onProgress: status.log, onOp: status.onOp }), status.log)
      .finally(() => status.stop());
    console.log(formatSummary({ folder: outcome.folder, results: outcome.results }));
    if (fs.existsSync(outcome.folder.report)) console.log(`report: ${outcome.folder.report}`);
    return exitCodeFor(outcome.results.valid);
  } catch (err) {
    if (err instanceof TestOptionsError) throw new UsageError(err.message, { cause: err });
    throw err;
  }
}
