import fs from 'node:fs';
import type { CheckInput } from '../checkers/history.js';

const FENCING_MODES = ['none', 'write', 'full'] as const;

/** A test.json that cannot be used: the one-line message names the file and what to fix. */
export class TestJsonError extends Error {
  constructor(readonly file: string, reason: string, options?: { cause?: unknown }) {
    super(`${file}: ${reason}`, options);
    this.name = 'TestJsonError';
  }
}

/**
 * The test options the checkers need, from a run folder's test.json (undefined when there is
 * none: fencing is then taken as none, which makes exclusion decide). Strict: a torn file, or a
 * fencing mode, TTL or override of the wrong kind, is an error, since a wrong mode silently
 * changes which checkers decide.
 */
export function readTestJson(file: string): CheckInput['test'] {
  if (!fs.existsSync(file)) return undefined;
  let test: unknown;
  try {
    test = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new TestJsonError(file, `not valid JSON (${(err as Error).message}): restore it, or remove it to check with fencing taken as none`, { cause: err });
  }
  if (typeof test !== 'object' || test === null || Array.isArray(test)) throw new TestJsonError(file, 'must hold a JSON object (the test spec)');
  const spec = test as Record<string, unknown>;
  if (spec.fencing !== undefined && !(FENCING_MODES as readonly unknown[]).includes(spec.fencing)) {
    throw new TestJsonError(file, `unknown fencing mode ${JSON.stringify(spec.fencing)}: it must be one of ${FENCING_MODES.join(', ')}`);
  }
  if (spec.exclusionDecides !== undefined && typeof spec.exclusionDecides !== 'boolean') {
    throw new TestJsonError(file, `"exclusionDecides" must be true or false, got ${JSON.stringify(spec.exclusionDecides)}`);
  }
  if (spec.ttlMs !== undefined && !(typeof spec.ttlMs === 'number' && Number.isFinite(spec.ttlMs) && spec.ttlMs >= 0)) {
    throw new TestJsonError(file, `"ttlMs" must be a number of milliseconds, got ${JSON.stringify(spec.ttlMs)}`);
  }
  return spec as CheckInput['test'];
}
