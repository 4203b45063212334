import type { ActiveFault, Fault, FaultContext, FaultTarget } from './fault.js';

/** A nemesis op as the history records it (process `nemesis`, type `info`). */
export interface NemesisOp {
  type: 'info';
  process: 'nemesis';
  f: 'start' | 'stop' | 'error';
  value: { fault: string; targets: string[]; [detail: string]: unknown };
}

export interface NemesisScheduleOptions {
  faults: readonly Fault[];
  /** What faults see; the schedule hides targets of its own active kills from the others. */
  context: FaultContext;
  recorder: { record(op: NemesisOp): unknown };
  /** An integer in [min, max]; the schedule's own draws (intervals). */
  random: { int(min: number, max: number): number };
  /** Mean pause between two starts of one fault; each wait is drawn from [interval/2, interval*3/2]. */
  intervalMs: number;
  stopping(): boolean;
  /** Sleeps, waking early when the test stops. */
  sleep(ms: number): Promise<void>;
}

const RETRY_MS = 50;
/** A fault whose start fails this many times in a row stops the test (it is broken, not unlucky). */
const MAX_START_ERRORS = 3;

/** Runs `setup` of every fault, before the workload: a fault that cannot work here is refused up front. */
export async function setupFaults(faults: readonly Fault[], context: FaultContext): Promise<void> {
  for (const fault of faults) await fault.setup?.(context);
}

/**
 * Runs every fault on its own schedule until the test stops, one fault of each kind at a time
 * (pause-leader and pause-holder take turns; pause-leader and partition-halves overlap). Each start
 * and each heal is a nemesis op naming its targets. Whatever is active when it ends, by stop, by
 * error or by abort, is healed, and then every fault's teardown sweeps all containers.
 */
export async function runNemesisSchedule(opts: NemesisScheduleOptions): Promise<void> {
  if (opts.faults.length === 0) return;
  const active = new Set<{ fault: Fault; started: ActiveFault }>();
  const busyKinds = new Set<string>();
  const down = new Set<string>();
  const context = withoutDown(opts.context, down);
  // A fault that fails for good stops the other loops too, without waiting out their sleeps.
  let failed = false;
  let wake: () => void = () => undefined;
  const woken = new Promise<void>((resolve) => { wake = resolve; });
  const stopping = (): boolean => failed || opts.stopping();
  const sleep = (ms: number): Promise<void> => Promise.race([opts.sleep(ms), woken]);

  const heal = async (entry: { fault: Fault; started: ActiveFault }): Promise<void> => {
    if (!active.delete(entry)) return;
    const { fault, started } = entry;
    let error: string | undefined;
    try {
      await started.heal();
    } catch (err) {
      error = (err as Error).message;
    }
    if (fault.kind === 'kill') for (const name of started.targets) down.delete(name);
    busyKinds.delete(fault.kind);
    opts.recorder.record({ type: 'info', process: 'nemesis', f: 'stop', value: { fault: fault.name, targets: started.targets, ...started.details, ...(error ? { error } : {}) } });
  };

  /**
   * Starts the fault once its kind is free, retrying shortly while it finds nothing to hit (the
   * kind is released meanwhile, so pause-holder waiting for a holder never blocks pause-leader).
   * Null when the test stops first.
   */
  const startWhenFree = async (fault: Fault): Promise<ActiveFault | null> => {
    while (!stopping()) {
      if (busyKinds.has(fault.kind)) {
        await sleep(RETRY_MS);
        continue;
      }
      busyKinds.add(fault.kind);
      let started: ActiveFault | null;
      try {
        started = await fault.start(context);
      } catch (err) {
        busyKinds.delete(fault.kind);
        throw err;
      }
      if (started) return started;
      busyKinds.delete(fault.kind);
      await sleep(RETRY_MS);
    }
    return null;
  };

  const loop = async (fault: Fault): Promise<void> => {
    let errors = 0;
    while (!stopping()) {
      await sleep(opts.random.int(Math.floor(opts.intervalMs / 2), Math.floor((opts.intervalMs * 3) / 2)));
      let started: ActiveFault | null;
      try {
        started = await startWhenFree(fault);
      } catch (err) {
        opts.recorder.record({ type: 'info', process: 'nemesis', f: 'error', value: { fault: fault.name, targets: [], error: (err as Error).message } });
        if (++errors >= MAX_START_ERRORS) {
          failed = true;
          wake();
          throw new Error(`fault ${fault.name} failed to start ${errors} times in a row: ${(err as Error).message}`, { cause: err });
        }
        continue;
      }
      if (!started) break;
      errors = 0;
      const entry = { fault, started };
      active.add(entry);
      if (fault.kind === 'kill') for (const name of started.targets) down.add(name);
      opts.recorder.record({ type: 'info', process: 'nemesis', f: 'start', value: { fault: fault.name, targets: started.targets, ...started.details } });
      await sleep(opts.context.settings.durationMs);
      await heal(entry);
    }
  };

  try {
    const results = await Promise.allSettled(opts.faults.map(loop));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  } finally {
    await Promise.all([...active].map(heal));
    await teardownFaults(opts.faults, opts.context);
  }
}

/**
 * Every fault's teardown, each tried even if another fails; throws the failures together. Faults
 * of one kind sweep the same things, so one teardown per kind runs (kinds run side by side).
 */
export async function teardownFaults(faults: readonly Fault[], context: FaultContext): Promise<void> {
  const oneOfEachKind = [...new Map(faults.map((f) => [f.kind, f])).values()];
  const results = await Promise.allSettled(oneOfEachKind.map((f) => f.teardown?.(context)));
  const failures = results.flatMap((r, i) => (r.status === 'rejected' ? [`${oneOfEachKind[i]?.name}: ${(r.reason as Error).message}`] : []));
  if (failures.length > 0) throw new Error(`could not tear down every fault: ${failures.join('; ')}`);
}

/** The context without the targets a kill has taken down: nothing else should aim at a dead container. */
function withoutDown(ctx: FaultContext, down: ReadonlySet<string>): FaultContext {
  const up = (targets: readonly FaultTarget[]): FaultTarget[] => targets.filter((t) => !down.has(t.name));
  return {
    ...ctx,
    nodes: () => up(ctx.nodes()),
    clients: () => up(ctx.clients()),
    holders: () => up(ctx.holders()),
    async leader() {
      const leader = await ctx.leader();
      return leader && !down.has(leader.name) ? leader : null;
    },
  };
}
