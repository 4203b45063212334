import { FENCING_MODES, type FencingMode } from './fenced-register.js';

/** A test as the user describes it (CLI flags). Omitted fields get the defaults of resolveTestOptions. */
export interface TestOptions {
  backend: string;
  nodes?: number;
  clients: number;
  ttlMs: number;
  fencing: FencingMode;
  /** Comma-separated fault names, or "none". */
  nemesis: string;
  nemesisIntervalMs: number;
  /** How long each fault lasts; for pauses, longer than the TTL by default. */
  faultDurationMs?: number;
  timeLimitMs: number;
  seed: number;
  holdMs: { min: number; max: number };
  acquireTimeoutMs?: number;
  opTimeoutMs?: number;
  /** Whether a double holder decides the verdict; by default only with fencing none. */
  exclusionDecides?: boolean;
  /** Folder under which run folders are written (results/<name>/<timestamp>). */
  resultsRoot: string;
  name?: string;
  lock?: string;
}

export type ResolvedTestOptions = Required<Omit<TestOptions, 'nodes' | 'exclusionDecides'>> & {
  nodes: number | undefined;
  exclusionDecides: boolean | undefined;
};

/** A bad test description; the message is one line that says what to change. */
export class TestOptionsError extends Error {
  override name = 'TestOptionsError';
}

function positive(name: string, value: number, min = 1): void {
  if (!Number.isFinite(value) || value < min) throw new TestOptionsError(`${name} must be a number >= ${min} (got ${value})`);
}

/** Fills in defaults and rejects impossible values with a one-line TestOptionsError. */
export function resolveTestOptions(opts: TestOptions): ResolvedTestOptions {
  positive('--clients', opts.clients);
  positive('--ttl', opts.ttlMs);
  positive('--time-limit', opts.timeLimitMs);
  positive('--nemesis-interval', opts.nemesisIntervalMs);
  if (!Number.isInteger(opts.seed)) throw new TestOptionsError(`--seed must be an integer (got ${opts.seed})`);
  if (!FENCING_MODES.includes(opts.fencing)) throw new TestOptionsError(`unknown --fencing "${opts.fencing}": choose from ${FENCING_MODES.join(', ')}`);
  if (opts.holdMs.min < 0 || opts.holdMs.max < opts.holdMs.min) {
    throw new TestOptionsError(`--hold must be MIN-MAX milliseconds with 0 <= MIN <= MAX (got ${opts.holdMs.min}-${opts.holdMs.max})`);
  }
  if (opts.nodes !== undefined) positive('--nodes', opts.nodes);
  const faultDurationMs = opts.faultDurationMs ?? 2 * opts.ttlMs + 500;
  positive('--fault-duration', faultDurationMs);
  const acquireTimeoutMs = opts.acquireTimeoutMs ?? Math.max(2000, 2 * opts.ttlMs);
  // An op must outlast a pause of its client, or every paused op would end `info`.
  const opTimeoutMs = opts.opTimeoutMs ?? acquireTimeoutMs + faultDurationMs + 5000;
  return {
    ...opts,
    nodes: opts.nodes,
    exclusionDecides: opts.exclusionDecides,
    faultDurationMs,
    acquireTimeoutMs,
    opTimeoutMs,
    name: opts.name ?? `${opts.backend}-${opts.nemesis.replaceAll(',', '+')}-${opts.fencing}`,
    lock: opts.lock ?? 'L',
  };
}
