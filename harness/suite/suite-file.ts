/**
 * A suite file: a matrix of `fencecheck test` runs, each with the verdict it is expected to give.
 *
 *   { "name": "nightly",
 *     "defaults": { "clients": 5, "time-limit": 30 },
 *     "entries": [ { "backend": "redis", "nemesis": "pause-holder", "fencing": "none", "seeds": [1, 2], "expect": "invalid" } ],
 *     "matrices": [ { "axes": { "fencing": ["none", "full"], "seed": [1, 2] }, "base": { "backend": "redis" },
 *                     "expect": [ { "when": { "fencing": "none" }, "expect": "invalid" }, { "expect": "valid" } ] } ] }
 *
 * Every key but name, seeds, expect and description is a `fencecheck test` flag (`"time-limit": 20`
 * is `--time-limit 20`), so a flag added to the test command later works in a suite unchanged.
 */

export type Expectation = 'valid' | 'invalid';
export type FlagValue = string | number | boolean;

/** One run of the matrix: a test's flags and what it should say. */
export interface SuiteRun {
  id: string;
  flags: Record<string, FlagValue>;
  expect: Expectation;
  description?: string;
}

export interface Suite { name: string; runs: SuiteRun[] }

/** A suite file that cannot be used; the message says where and what to change. */
export class SuiteFileError extends Error {
  override name = 'SuiteFileError';
}

const SUITE_KEYS = new Set(['name', 'seeds', 'expect', 'description']);
type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function flagsOf(where: string, entry: Json): Record<string, FlagValue> {
  const flags: Record<string, FlagValue> = {};
  for (const [key, value] of Object.entries(entry)) {
    if (SUITE_KEYS.has(key)) continue;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      throw new SuiteFileError(`${where}: "${key}" must be a string, number or boolean (a fencecheck test flag), got ${JSON.stringify(value)}`);
    }
    flags[key] = value;
  }
  return flags;
}

function expectation(where: string, v: unknown): Expectation {
  if (v === 'valid' || v === 'invalid') return v;
  throw new SuiteFileError(`${where}: "expect" must be "valid" or "invalid", got ${JSON.stringify(v)}`);
}

function seedsOf(where: string, entry: Json): (number | undefined)[] {
  if (entry.seeds === undefined) return [undefined];
  if (!Array.isArray(entry.seeds) || entry.seeds.length === 0 || !entry.seeds.every(Number.isInteger)) {
    throw new SuiteFileError(`${where}: "seeds" must be a non-empty list of integers, got ${JSON.stringify(entry.seeds)}`);
  }
  return entry.seeds as number[];
}

function runsOfEntry(where: string, entry: Json, defaults: Json): SuiteRun[] {
  const merged = { ...defaults, ...entry };
  const flags = flagsOf(where, merged);
  const expect = expectation(where, merged.expect);
  const base = typeof merged.name === 'string' ? merged.name : [flags.backend ?? 'redis', flags.nemesis ?? 'none', flags.fencing ?? 'none'].join('-').replaceAll(',', '+');
  if (!/^[\w.+-]+$/.test(base)) throw new SuiteFileError(`${where}: name "${base}" must be letters, digits, . + _ or - (it names the run folder)`);
  return seedsOf(where, merged).map((seed) => {
    const withSeed = seed === undefined ? flags : { ...flags, seed };
    const id = withSeed.seed === undefined ? base : `${base}-seed${withSeed.seed}`;
    return { id, flags: withSeed, expect, ...(typeof merged.description === 'string' ? { description: merged.description } : {}) };
  });
}

/** Every combination of the axes' values, in the order the axes are written (the last varies fastest). */
function combinations(where: string, axes: unknown): Json[] {
  if (!isObject(axes) || Object.keys(axes).length === 0) throw new SuiteFileError(`${where}: "axes" must be an object of flag: [values]`);
  let out: Json[] = [{}];
  for (const [key, values] of Object.entries(axes)) {
    if (!Array.isArray(values) || values.length === 0) throw new SuiteFileError(`${where}: axis "${key}" must be a non-empty list`);
    out = out.flatMap((c) => values.map((v) => ({ ...c, [key]: v })));
  }
  return out;
}

/** The expectation of one combination: the first rule whose `when` it matches. */
function ruleFor(where: string, rules: unknown, combo: Json): unknown {
  if (typeof rules === 'string') return rules;
  if (!Array.isArray(rules)) throw new SuiteFileError(`${where}: "expect" must be "valid", "invalid" or a list of {when, expect} rules`);
  const rule = rules.find((r) => isObject(r) && (!isObject(r.when) || Object.entries(r.when).every(([k, v]) => combo[k] === v)));
  if (!isObject(rule)) throw new SuiteFileError(`${where}: no "expect" rule matches ${JSON.stringify(combo)}; end the rules with one without "when"`);
  return rule.expect;
}

function runsOfMatrix(where: string, matrix: Json, defaults: Json): SuiteRun[] {
  const base = isObject(matrix.base) ? matrix.base : {};
  return combinations(where, matrix.axes).flatMap((combo) => {
    const { seed, ...rest } = combo;
    const entry: Json = { ...defaults, ...base, ...rest, ...(typeof matrix.description === 'string' ? { description: matrix.description } : {}) };
    entry.expect = ruleFor(where, matrix.expect, { ...entry, ...combo });
    if (seed !== undefined) entry.seeds = [seed];
    // The id names every axis value, so runs of one matrix stay apart.
    const named = ['backend', 'nemesis', 'fencing'];
    const extra = Object.entries(rest).filter(([k]) => !named.includes(k)).map(([k, v]) => `${k}${String(v).replaceAll(',', '+')}`);
    entry.name = [typeof base.name === 'string' ? base.name : named.map((k) => String(entry[k] ?? 'none')).join('-').replaceAll(',', '+'), ...extra].join('-');
    return runsOfEntry(where, entry, {});
  });
}

/** Parses a suite file's JSON into its runs, in file order, with unique ids. */
export function parseSuite(text: string, file = 'suite file'): Suite {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new SuiteFileError(`${file} is not JSON: ${(err as Error).message}`, { cause: err });
  }
  if (!isObject(raw)) throw new SuiteFileError(`${file} must hold a JSON object with "entries" and/or "matrices"`);
  const defaults = isObject(raw.defaults) ? raw.defaults : {};
  const entries = Array.isArray(raw.entries) ? raw.entries : [];
  const matrices = Array.isArray(raw.matrices) ? raw.matrices : [];
  const runs = [
    ...entries.flatMap((e, i) => runsOfEntry(`${file}: entries[${i}]`, isObject(e) ? e : {}, defaults)),
    ...matrices.flatMap((m, i) => runsOfMatrix(`${file}: matrices[${i}]`, isObject(m) ? m : {}, defaults)),
  ];
  if (runs.length === 0) throw new SuiteFileError(`${file} lists no runs: give "entries" or "matrices"`);
  const seen = new Map<string, number>();
  for (const run of runs) {
    const n = (seen.get(run.id) ?? 0) + 1;
    seen.set(run.id, n);
    if (n > 1) run.id = `${run.id}-${n}`;
  }
  return { name: typeof raw.name === 'string' ? raw.name : 'suite', runs };
}

/** A run's flags as `fencecheck test` arguments. */
export function testArgs(flags: Record<string, FlagValue>): string[] {
  return Object.entries(flags).flatMap(([k, v]) => (v === true ? [`--${k}`] : v === false ? [`--no-${k}`] : [`--${k}`, String(v)]));
}
