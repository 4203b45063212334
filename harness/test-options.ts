import type { Backend } from '../backends/backend.js';
import { findBackend } from '../backends/registry.js';
import { ON_LEASE_LOST, type OnLeaseLost } from '../workloads/protocol.js';
import { FENCING_MODES, type FencingMode } from './fenced-register.js';
import { resolveBackendOptions } from './backend-options.js';

/** A test as the user describes it (CLI flags). Omitted fields get the defaults of resolveTestOptions. */
export interface TestOptions {
  backend: string;
  /** One of the backend's recipes; default its first. */
  recipe?: string;
  nodes?: number;
  clients: number;
  ttlMs: number;
  fencing: FencingMode;
  /** Comma-separated fault names, or "none". */
  nemesis: string;
  nemesisIntervalMs: number;
  /** How long each fault lasts; longer than the TTL by default, so a pause outlives a lease. */
  faultDurationMs?: number;
  /** clock-bump's jump and clock-strobe's amplitude; default one TTL plus 500 ms. */
  clockOffsetMs?: number;
  delayMs?: number;
  lossPercent?: number;
  timeLimitMs: number;
  seed: number;
  holdMs: { min: number; max: number };
  /** Extend the lease every TTL/3 while holding. */
  renew?: boolean;
  onLeaseLost?: OnLeaseLost;
  acquireTimeoutMs?: number;
  opTimeoutMs?: number;
  /** Whether a double holder decides the verdict; by default only with fencing none. */
  exclusionDecides?: boolean;
  /** The backend's own options by name (`redis-persistence`, …); defaults filled in. */
  backendOptions?: Record<string, unknown>;
  /** Image tags that replace the built ones, by image name (`--image redis=redis:7.2`). */
  images?: Record<string, string>;
  /** A user's lock-client module (`--lock-client`) that clients run instead of the backend's recipe. */
  lockClient?: string;
  /** Folder under which run folders are written (results/<name>/<timestamp>). */
  resultsRoot: string;
  name?: string;
  lock?: string;
  /** Elements written to one register key before the workload moves to a fresh one (K, DESIGN.md section 6). */
  keyEvery?: number;
}

export type ResolvedTestOptions = Required<Omit<TestOptions, 'exclusionDecides' | 'lockClient'>> & { exclusionDecides: boolean | undefined; lockClient: string | null };

/** A bad test description; the message is one line that says what to change. */
export class TestOptionsError extends Error {
  override name = 'TestOptionsError';
}

function positive(name: string, value: number, min = 1): void {
  if (!Number.isFinite(value) || value < min) throw new TestOptionsError(`${name} must be a number >= ${min} (got ${value})`);
}

function backendOf(name: string): Backend {
  try {
    return findBackend(name);
  } catch (err) {
    throw new TestOptionsError((err as Error).message, { cause: err });
  }
}

/** Fills in defaults and rejects impossible values with a one-line TestOptionsError, before any container starts. */
export function resolveTestOptions(opts: TestOptions): ResolvedTestOptions {
  const backend = backendOf(opts.backend);
  positive('--clients', opts.clients);
  positive('--ttl', opts.ttlMs);
  if (opts.keyEvery !== undefined && !Number.isSafeInteger(opts.keyEvery)) throw new TestOptionsError(`--key-every must be a whole number of elements (got ${opts.keyEvery})`);
  positive('--key-every', opts.keyEvery ?? 1000);
  positive('--time-limit', opts.timeLimitMs);
  positive('--nemesis-interval', opts.nemesisIntervalMs);
  if (!Number.isInteger(opts.seed)) throw new TestOptionsError(`--seed must be an integer (got ${opts.seed})`);
  if (!FENCING_MODES.includes(opts.fencing)) throw new TestOptionsError(`unknown --fencing "${opts.fencing}": choose from ${FENCING_MODES.join(', ')}`);
  if (opts.holdMs.min < 0 || opts.holdMs.max < opts.holdMs.min) {
    throw new TestOptionsError(`--hold must be MIN-MAX milliseconds with 0 <= MIN <= MAX (got ${opts.holdMs.min}-${opts.holdMs.max})`);
  }
  const nodes = opts.nodes ?? backend.defaultNodes;
  if (!backend.nodeCounts.includes(nodes)) {
    throw new TestOptionsError(`--nodes ${nodes} is not a size the ${backend.name} backend runs: choose from ${backend.nodeCounts.join(', ')}`);
  }
  const recipe = opts.recipe ?? backend.recipes[0]?.name ?? '';
  if (!backend.recipes.some((r) => r.name === recipe)) {
    throw new TestOptionsError(`unknown --recipe "${recipe}" for backend ${backend.name}: choose from ${backend.recipes.map((r) => r.name).join(', ')}`);
  }
  const onLeaseLost = opts.onLeaseLost ?? 'continue';
  if (!ON_LEASE_LOST.includes(onLeaseLost)) throw new TestOptionsError(`unknown --on-lease-lost "${onLeaseLost}": choose from ${ON_LEASE_LOST.join(', ')}`);
  if (onLeaseLost === 'abort' && !opts.renew) throw new TestOptionsError('--on-lease-lost abort needs --renew: only a renewal can learn that the lease is gone');
  for (const [image, tag] of Object.entries(opts.images ?? {})) {
    if (!backend.images.includes(image)) throw new TestOptionsError(`--image ${image}=${tag}: the ${backend.name} backend runs no image ${image} (its images: ${backend.images.join(', ')})`);
  }
  const faultDurationMs = opts.faultDurationMs ?? 2 * opts.ttlMs + 500;
  positive('--fault-duration', faultDurationMs);
  const clockOffsetMs = opts.clockOffsetMs ?? opts.ttlMs + 500;
  if (!Number.isFinite(clockOffsetMs)) throw new TestOptionsError(`--clock-offset must be a number of milliseconds (got ${clockOffsetMs})`);
  const delayMs = opts.delayMs ?? 200;
  positive('--delay', delayMs);
  const lossPercent = opts.lossPercent ?? 30;
  if (!(lossPercent > 0 && lossPercent <= 100)) throw new TestOptionsError(`--loss must be a percentage in (0, 100] (got ${lossPercent})`);
  const acquireTimeoutMs = opts.acquireTimeoutMs ?? Math.max(2000, 2 * opts.ttlMs);
  // An op must outlast a pause of its client, or every paused op would end `info`.
  const opTimeoutMs = opts.opTimeoutMs ?? acquireTimeoutMs + faultDurationMs + 5000;
  let backendOptions: Record<string, unknown>;
  try {
    backendOptions = resolveBackendOptions(backend, opts.backendOptions ?? {});
  } catch (err) {
    throw new TestOptionsError((err as Error).message, { cause: err });
  }
  const settingsProblem = backend.settingsProblem?.({ ttlMs: opts.ttlMs, nodes, recipe, options: backendOptions });
  if (settingsProblem) throw new TestOptionsError(settingsProblem);
  return {
    ...opts,
    recipe, nodes, onLeaseLost, renew: opts.renew ?? false, exclusionDecides: opts.exclusionDecides,
    faultDurationMs, clockOffsetMs, delayMs, lossPercent, acquireTimeoutMs, opTimeoutMs, backendOptions,
    images: opts.images ?? {},
    lockClient: opts.lockClient ?? null,
    name: opts.name ?? `${opts.backend}-${opts.nemesis.replaceAll(',', '+')}-${opts.fencing}`,
    lock: opts.lock ?? 'L',
    keyEvery: opts.keyEvery ?? 1000,
  };
}
