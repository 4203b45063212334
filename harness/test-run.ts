import type { ClientProcess, ClientSpawner } from './client-process.js';
import type { HistoryRecorder } from './history-recorder.js';
import { Holders } from './holders.js';
import type { Random } from './random.js';
import type { ResolvedTestOptions } from './test-options.js';
import { runWorker } from './worker.js';
import { sleep } from '../workloads/sleep.js';
import { runNemesisSchedule } from '../nemesis/schedule.js';
import type { Fault, FaultTarget } from '../nemesis/fault.js';

export interface TestRunOptions {
  options: ResolvedTestOptions;
  faults: readonly Fault[];
  spawner: ClientSpawner;
  recorder: HistoryRecorder;
  random: Random;
  /** Aborted by Ctrl-C / SIGTERM: stop starting work and wind down. */
  signal: AbortSignal;
  onProgress(line: string): void;
}

/** How long in-flight operations may finish after a Ctrl-C before the harness stops waiting. */
const ABORT_GRACE_MS = 3000;

function abortableSleep(signal: AbortSignal): (ms: number) => Promise<void> {
  return (ms) => new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * The workload and the nemesis, side by side, until the time limit or an abort. Resolves once
 * every worker has finished its cycle (or, after an abort, once the grace period is over) and
 * every fault is healed. Rejects if a worker fails to start or run a client.
 */
export async function runWorkload(opts: TestRunOptions): Promise<{ processes: number }> {
  const { options, recorder, random } = opts;
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  opts.signal.addEventListener('abort', onAbort, { once: true });
  const deadline = setTimeout(() => stop.abort(), options.timeLimitMs);
  const stopping = (): boolean => stop.signal.aborted;
  const sleepUntilStop = abortableSleep(stop.signal);
  const holders = new Holders();
  const live = new Set<ClientProcess>();
  let processes = 0;
  let elements = 0;
  const spawner: ClientSpawner = {
    async spawn(process) {
      const client = await opts.spawner.spawn(process);
      live.add(client);
      return { ...client, retire: async () => { live.delete(client); await client.retire(); } };
    },
  };

  const progress = setInterval(() => {
    opts.onProgress(`  ${recorder.ops.length} ops recorded, ${processes} processes so far`);
  }, 10_000);
  const workers = Array.from({ length: options.clients }, () => runWorker({
    spawner, recorder, holders, random: random.fork(), lock: options.lock, holdMs: options.holdMs,
    opTimeoutMs: options.opTimeoutMs, nextProcess: () => processes++, nextElement: () => elements++,
    stopping, sleep,
  }));
  // Stopgap until the fault plane's harness side (branch `faults`) gives nodes, exec and restart.
  const targets = new Map<ClientProcess, FaultTarget>();
  const asTarget = (c: ClientProcess): FaultTarget => {
    let t = targets.get(c);
    if (!t) {
      t = {
        name: c.name, kind: 'client', ip: '',
        signal: (sig) => (sig === 'SIGKILL' ? c.retire() : c.signal(sig)),
        exec: async () => ({ exitCode: 127, output: 'exec is not available to faults in this harness' }),
        restart: async () => undefined,
      };
      targets.set(c, t);
    }
    return t;
  };
  const nemesis = runNemesisSchedule({
    faults: opts.faults, recorder, random: random.fork(), intervalMs: options.nemesisIntervalMs,
    stopping, sleep: sleepUntilStop,
    context: {
      nodes: () => [],
      leader: async () => null,
      holders: () => [...holders.inPhase('holding'), ...holders.inPhase('acquired', 'writing')].map(asTarget),
      clients: () => [...live].map(asTarget),
      protectedIps: [],
      pick: (items) => random.pick(items),
      shuffle: (items) => [...items].sort(() => random.int(0, 1) - 0.5),
      settings: { ttlMs: options.ttlMs, durationMs: options.faultDurationMs, clockOffsetMs: options.ttlMs + 500, delayMs: 100, lossPercent: 10 },
    },
  });
  let failure: unknown = null;
  const all = Promise.all([...workers, nemesis]).catch((err: unknown) => {
    failure = err;
    stop.abort();
  });
  try {
    const graceAfterAbort = new Promise<void>((resolve) => {
      const graceTimer = (): unknown => setTimeout(resolve, ABORT_GRACE_MS);
      if (opts.signal.aborted) graceTimer();
      else opts.signal.addEventListener('abort', graceTimer, { once: true });
    });
    await Promise.race([all, graceAfterAbort]);
    if (failure) throw failure;
  } finally {
    clearTimeout(deadline);
    clearInterval(progress);
    stop.abort();
    opts.signal.removeEventListener('abort', onAbort);
    await nemesis.catch(() => undefined);
  }
  return { processes };
}
