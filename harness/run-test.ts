import fs from 'node:fs';
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import { findBackend } from '../backends/registry.js';
import { createCluster } from '../docker/cluster.js';
import { reapOrphans, stuckWarning } from '../docker/cleanup.js';
import { connectEngine } from '../docker/engine.js';
import { ensureImages } from '../docker/images.js';
import { checkRunInput, type RunResults } from '../results/check-run.js';
import { createRunFolder, type RunFolder } from '../results/run-folder.js';
import { renderReport } from '../results/report/render-report.js';
import type { Op } from '../checkers/history.js';
import { imagesFor } from './images-needed.js';
import { CLIENT_IMAGE, CLIENT_PACKAGE_DIR, stageClientImage, withClientImage } from './client-image.js';
import { checkClientCapacity } from './client-capacity.js';
import { startClock } from './clock.js';
import { nodeTargets } from './container-targets.js';
import { dockerClientSpawner } from './docker-client-spawner.js';
import { faultsFor } from './faults-for.js';
import { recordFinalReads } from './final-reads.js';
import { createHistoryRecorder, type HistoryRecorder } from './history-recorder.js';
import { openJsonlWriter } from './jsonl-writer.js';
import { LOCK_CLIENT_IMAGE, prepareTestLockClient, withLockClientImage } from './lock-client-module.js';
import { projectRoot } from './project-root.js';
import { seededRandom } from './random.js';
import { startRegisterServer } from './register-server.js';
import { resolveTestOptions, type TestOptions } from './test-options.js';
import { runWorkload } from './test-run.js';

export interface RunTestOptions {
  test: TestOptions;
  /** The command line, kept in test.json so a run can be repeated. */
  argv: readonly string[];
  signal: AbortSignal;
  onProgress(line: string): void;
  /** Every op as it is recorded (the live status line). */
  onOp?(op: Op): void;
}

export interface RunTestOutcome { folder: RunFolder; results: RunResults; firstOpAfterMs: number | null }

const START_TIMEOUT_MS = 60_000;

/**
 * Runs one test end to end: images, cluster, register, clients, workload and nemesis, then the
 * final read, logs, teardown and the checkers. Bad options are refused before Docker is touched.
 * Whatever happens, every fault is healed, every container and network of the run is removed and
 * every line recorded so far stays in the run folder.
 */
export async function runTest(opts: RunTestOptions): Promise<RunTestOutcome> {
  const started = Date.now();
  const options = resolveTestOptions(opts.test);
  const backend = findBackend(options.backend);
  const faults = faultsFor(backend, options.nemesis);
  const progress = opts.onProgress;
  // A user's module is checked before Docker is touched; its staged copy lives until its image is built.
  const lockClient = await prepareTestLockClient({ file: options.lockClient, projectRoot: projectRoot(), clientRoot: CLIENT_PACKAGE_DIR });

  const docker = await connectEngine().catch((err: unknown) => { lockClient?.dispose(); throw err; });
  checkClientCapacity(options.clients, ((await docker.info()) as { MemTotal: number }).MemTotal);
  // A leftover the engine refuses to remove (a network it thinks still has endpoints) must not
  // block this test: it is reported, and this run uses its own network anyway.
  try {
    const reaped = await reapOrphans(docker);
    if (reaped.containers + reaped.networks > 0) progress(`removed ${reaped.containers} containers and ${reaped.networks} networks left by runs whose harness is gone`);
    const warning = stuckWarning(reaped.stuck);
    if (warning) progress(`warning: ${warning}`);
  } catch (err) {
    progress(`could not remove what an earlier run left behind (${(err as Error).message}); going on`);
  }
  // The client code goes into the client image (no bind mount); its staged copy lives until the build.
  const clientImage = stageClientImage({ projectRoot: projectRoot() });
  const built = await ensureImages({ ...withClientImage(withLockClientImage(imagesFor(backend, options.images), lockClient), clientImage), onProgress: progress })
    .finally(() => {
      lockClient?.dispose();
      clientImage.dispose().catch((err: unknown) => progress(`could not remove the staged client image folder: ${(err as Error).message}`));
    });
  const imageTags: Record<string, string> = { ...Object.fromEntries(Object.entries(built).map(([name, image]) => [name, image.tag])), ...options.images };

  const folder = createRunFolder({ root: options.resultsRoot, name: options.name, startedAt: new Date(started) });
  const runId = `${options.name}-${randomBytes(4).toString('hex')}`;
  const recipe = backend.recipes.find((r) => r.name === options.recipe);
  fs.writeFileSync(folder.test, `${JSON.stringify({
    ...options, runId, startedAt: new Date(started).toISOString(), host: os.hostname(),
    backendDescription: backend.description, recipeDescription: recipe?.description, token: recipe?.token ?? null,
    faults: faults.map((f) => ({ name: f.name, kind: f.kind, description: f.description })),
    images: built, imagesReplaced: options.images,
    lockClientModule: lockClient ? { files: lockClient.files, packages: lockClient.packages, entry: lockClient.containerEntry } : null, fencecheckVersion: packageVersion(), node: process.version, argv: opts.argv,
  }, null, 2)}\n`);
  progress(`run folder ${folder.dir}`);

  const clock = startClock();
  const clockStartedAfterMs = Date.now() - started;
  const historyLog = openJsonlWriter(folder.history);
  const registerLog = openJsonlWriter(folder.register);
  const recorded = createHistoryRecorder({ clock, writer: historyLog });
  // Each op, once written, also goes to the live status line.
  const recorder: HistoryRecorder = {
    get count() { return recorded.count; },
    get firstClientOpTime() { return recorded.firstClientOpTime; },
    record: (op) => {
      const stamped = recorded.record(op);
      opts.onOp?.(stamped);
      return stamped;
    },
  };
  const cluster = await createCluster(docker, { runId, name: options.name });
  let register: Awaited<ReturnType<typeof startRegisterServer>> | null = null;
  try {
    progress(`starting ${options.nodes} ${backend.name} node(s)`);
    const deployed = await backend.deploy({
      cluster, images: imageTags, nodes: options.nodes, ttlMs: options.ttlMs, recipe: options.recipe,
      options: options.backendOptions, timeoutMs: START_TIMEOUT_MS, onProgress: progress,
    });
    register = await startRegisterServer({ host: cluster.network.gateway, mode: options.fencing, clock, log: registerLog });
    const spawner = dockerClientSpawner({
      cluster, image: imageTags[lockClient ? LOCK_CLIENT_IMAGE : CLIENT_IMAGE] as string, startTimeoutMs: START_TIMEOUT_MS,
      config: { backend: backend.name, recipe: options.recipe, nodes: deployed.addresses, lock: options.lock, ttlMs: options.ttlMs,
        acquireTimeoutMs: options.acquireTimeoutMs, requestTimeoutMs: Math.min(options.opTimeoutMs, 5000), renew: options.renew,
        options: options.backendOptions, onLeaseLost: options.onLeaseLost, register: { host: register.host, port: register.port },
        ...(lockClient ? { lockClient: lockClient.containerEntry } : {}) },
    });
    const targets = nodeTargets(deployed);
    const helpers = nodeTargets(deployed, 'helper');
    progress(`running ${options.clients} clients for ${options.timeLimitMs / 1000} s, nemesis ${options.nemesis}, fencing ${options.fencing}, seed ${options.seed}`);
    await runWorkload({
      options, faults, spawner, recorder, random: seededRandom(options.seed), signal: opts.signal, onProgress: progress,
      service: { nodes: () => targets, helpers: () => helpers, leaderName: () => deployed.leader() },
      // Every client reaches the register at the gateway, and the harness reaches every client from there.
      protectedIps: [register.host],
      settings: { ttlMs: options.ttlMs, durationMs: options.faultDurationMs, clockOffsetMs: options.clockOffsetMs,
        delayMs: options.delayMs, lossPercent: options.lossPercent },
    });
    // The register refuses every request after this read, so nothing written later can count.
    const live = register;
    recordFinalReads(recorder, live.endWrites(), (key) => live.finalRead(key));
  } catch (err) {
    throw new Error(`the test stopped: ${(err as Error).message}; what it recorded is in ${folder.dir} (fencecheck check reads it)`, { cause: err });
  } finally {
    await register?.close().catch(() => undefined);
    await cluster.copyLogs(folder.nodes).catch((err: unknown) => progress(`could not copy container logs: ${String(err)}`));
    // The verdict does not depend on it; `fencecheck cleanup` or the next run's reaping retries.
    const warning = await cluster.dispose().catch((err: unknown) => `${(err as Error).message}; \`fencecheck cleanup\` retries`);
    if (warning !== null) progress(warning);
    historyLog.close();
    registerLog.close();
  }
  // Checked from the files, not the ops in memory: the verdict is then exactly what
  // `fencecheck check` gives on the same folder.
  const { results, history } = checkRunInput(folder);
  try {
    renderReport(folder, { history });
  } catch (err) {
    progress(`could not write report.html (fencecheck report ${folder.dir} retries): ${(err as Error).message}`);
  }
  const firstOp = recorder.firstClientOpTime;
  return { folder, results, firstOpAfterMs: firstOp === null ? null : clockStartedAfterMs + firstOp / 1e6 };
}

function packageVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(`${projectRoot()}/package.json`, 'utf8')) as { version: string };
  return pkg.version;
}
