import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa, type ResultPromise } from 'execa';
import Docker from 'dockerode';
import { pollUntil } from '../../lib/poll-until.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, 'bin', 'fencecheck.js');

export interface CliRun { exitCode: number; stdout: string; stderr: string }

/** Starts the real CLI as its own process (the built dist/, as a user runs it). */
export function startCli(args: string[], env: Record<string, string> = {}): ResultPromise<{ reject: false }> {
  return execa('node', [BIN, ...args], { reject: false, env, cwd: ROOT });
}

export async function runCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const r = await startCli(args, env);
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}

export function tempResults(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'fc-e2e-'));
}

/** results.json of the newest run under a results root. */
export function latestResults(root: string): Record<string, any> {
  return JSON.parse(fs.readFileSync(path.join(root, 'latest', 'results.json'), 'utf8')) as Record<string, any>;
}

/** Containers and networks that carry fencecheck's run label, optionally of one run. */
export async function labelled(runId?: string): Promise<{ containers: number; networks: number }> {
  const docker = new Docker();
  const label = runId ? `fencecheck.run=${runId}` : 'fencecheck.run';
  const containers = await docker.listContainers({ all: true, filters: { label: [label] } });
  const networks = await docker.listNetworks({ filters: { label: [label] } });
  return { containers: containers.length, networks: networks.length };
}

/** Containers and networks the newest run under a results root left behind (its run id is in
 * its test.json); only that run's label counts, since an engine may be shared. */
export async function leftByLatestRun(root: string): Promise<{ containers: number; networks: number }> {
  const test = JSON.parse(fs.readFileSync(path.join(root, 'latest', 'test.json'), 'utf8')) as { runId: string };
  return labelled(test.runId);
}

/** The common flags of the redis pause scenario. */
export function redisPause(opts: { fencing: string; seed: number; seconds: number; results: string }): string[] {
  return ['test', '--backend', 'redis', '--clients', '5', '--ttl', '1000', '--nemesis', 'pause-holder',
    '--fencing', opts.fencing, '--time-limit', String(opts.seconds), '--seed', String(opts.seed), '--results', opts.results];
}

/** The non-empty lines of a JSONL file, or none when it does not exist yet. */
export function jsonlLines(file: string): string[] {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.length > 0) : [];
}

/** Polls a condition until it holds, or fails naming what it waited for. */
export async function until(what: string, cond: () => boolean, timeoutMs: number): Promise<void> {
  await pollUntil({ what, timeoutMs, intervalMs: 200, attempt: cond, onTimeout: () => new Error(`timed out waiting for ${what}`) });
}
