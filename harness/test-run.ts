import { setTimeout as sleep } from 'node:timers/promises';
import type { Fault } from '../nemesis/fault.js';
import type { FaultSettings, FaultTarget } from '../nemesis/fault-target.js';
import { runNemesisSchedule, setupFaults, teardownFaults } from '../nemesis/schedule.js';
import type { ClientProcess, ClientSpawner } from './client-process.js';
import { buildFaultContext } from './fault-context.js';
import type { HistoryRecorder } from './history-recorder.js';
import { Holders } from './holders.js';
import { limitedSpawner } from './limited-spawner.js';
import type { Random } from './random.js';
import type { ResolvedTestOptions } from './test-options.js';
import { cancellableSpawner } from './stop-in-flight.js';
import { runWorker } from './worker.js';

export type WorkloadSettings = Pick<ResolvedTestOptions,
  'clients' | 'lock' | 'keyEvery' | 'holdMs' | 'opTimeoutMs' | 'timeLimitMs' | 'nemesisIntervalMs' | 'faultDurationMs'>;

export interface TestRunOptions {
  options: WorkloadSettings;
  faults: readonly Fault[];
  spawner: ClientSpawner;
  recorder: HistoryRecorder;
  random: Random;
  /** The deployed service as faults see it. */
  service: { nodes(): readonly FaultTarget[]; helpers?(): readonly FaultTarget[]; leaderName(): Promise<string | null> };
  /** Addresses no partition may cut (the fenced register). */
  protectedIps: readonly string[];
  settings: FaultSettings;
  /** Aborted by Ctrl-C / SIGTERM: stop starting work and wind down. */
  signal: AbortSignal;
  onProgress(line: string): void;
}

/** How long in-flight operations may finish after a Ctrl-C before they are cancelled (end `info`). */
const ABORT_GRACE_MS = 3000;

/**
 * The workload and the nemesis, side by side, until the time limit or an abort. Every fault is set
 * up before the first client starts and torn down before this returns or throws, whatever
 * happened. Resolves once every worker has ended: after the time limit each finishes its cycle;
 * after an abort each may finish its cycle for the grace period, then its call in flight ends
 * `info`, its hold sleep ends and it invokes nothing more. Every worker is awaited in both cases,
 * so no op can be recorded after this returns (after the final read). Rejects if a worker fails to
 * start or run a client.
 */
export async function runWorkload(opts: TestRunOptions): Promise<{ processes: number }> {
  const { options, recorder, random } = opts;
  const stop = new AbortController();
  // Raised once the grace after an abort is over: calls and starts in flight stop being waited for.
  const cancel = new AbortController();
  const stopping = (): boolean => stop.signal.aborted;
  const sleepUntilStop = (ms: number): Promise<void> => sleep(ms, undefined, { signal: stop.signal }).catch(() => undefined);
  const holders = new Holders();
  const live = new Set<ClientProcess>();
  const killed = new Set<number>();
  let processes = 0;
  let elements = 0;
  const starter = limitedSpawner({ spawner: cancellableSpawner(opts.spawner, cancel.signal), clients: options.clients, cancelled: stopping, onProgress: opts.onProgress });
  const spawner: ClientSpawner = {
    async spawn(process) {
      const spawned = await starter.spawn(process);
      // A SIGKILL from a fault ends the process for good: the worker retires it (an op in flight ends info).
      const target: FaultTarget = { ...spawned.target, signal: async (sig) => {
        if (sig === 'SIGKILL') killed.add(process);
        await spawned.target.signal(sig);
      } };
      const client: ClientProcess = { ...spawned, target, call: (req, ms) => spawned.call(req, ms),
        retire: async () => { live.delete(client); holders.set(client, null); await spawned.retire(); } };
      live.add(client);
      // After it is listed: a fault that starts meanwhile either sees it or is told of it here.
      await context.clientStarted(target).catch(async (err: unknown) => {
        await client.retire().catch(() => undefined);
        throw err;
      });
      return client;
    },
  };
  const context = buildFaultContext({
    nodes: opts.service.nodes, helpers: opts.service.helpers, leaderName: opts.service.leaderName,
    clients: () => [...live].filter((c) => !killed.has(c.process)).map((c) => c.target),
    holders: () => holders.current().filter((c) => !killed.has(c.process)).map((c) => c.target),
    protectedIps: opts.protectedIps, settings: opts.settings, random: random.fork(),
  });

  // Every fault is ready before the first client starts; the schedule tears them down when it
  // ends (by time, error or abort), and here they are torn down if it never started.
  try {
    await setupFaults(opts.faults, context);
  } catch (err) {
    await teardownFaults(opts.faults, context).catch((e: unknown) => opts.onProgress(String(e)));
    throw new Error(`could not set up the faults: ${(err as Error).message}`, { cause: err });
  }
  const onAbort = (): void => stop.abort();
  opts.signal.addEventListener('abort', onAbort, { once: true });
  if (opts.signal.aborted) stop.abort();
  // The time limit counts from the moment every client runs: a hundred take a while to start.
  let deadline: NodeJS.Timeout | undefined;
  void starter.ramped.then(() => { if (!stopping()) deadline = setTimeout(() => stop.abort(), options.timeLimitMs); });
  const progress = setInterval(() => opts.onProgress(`  ${recorder.count} ops recorded, ${processes} processes so far`), 10_000);
  const workers = Array.from({ length: options.clients }, () => runWorker({
    spawner, record: (op) => recorder.record(op), holders, random: random.fork(), lock: options.lock, holdMs: options.holdMs,
    key: () => Math.floor(elements / options.keyEvery),
    opTimeoutMs: options.opTimeoutMs, nextProcess: () => processes++, nextElement: () => elements++,
    stopping, sleep: (ms) => sleep(ms, undefined, { signal: cancel.signal }).catch(() => undefined), alive: (c) => !killed.has(c.process),
  }));
  const nemesis = runNemesisSchedule({
    faults: opts.faults, recorder, random: random.fork(), intervalMs: options.nemesisIntervalMs,
    stopping, sleep: sleepUntilStop, context,
  });
  let failure: unknown = null;
  // A failing worker stops the others at once (the run fails anyway); all are still awaited.
  const all = Promise.all([...workers, nemesis].map((task) => task.catch((err: unknown) => {
    failure ??= err;
    stop.abort();
    cancel.abort();
  })));
  try {
    const graceAfterAbort = new Promise<void>((resolve) => {
      const graceTimer = (): unknown => setTimeout(resolve, ABORT_GRACE_MS).unref();
      if (opts.signal.aborted) graceTimer();
      else opts.signal.addEventListener('abort', graceTimer, { once: true });
    });
    await Promise.race([all, graceAfterAbort]);
    cancel.abort();
    await all;
    if (failure) throw failure;
  } finally {
    clearTimeout(deadline);
    clearInterval(progress);
    stop.abort();
    cancel.abort();
    opts.signal.removeEventListener('abort', onAbort);
    await all;
  }
  return { processes };
}
