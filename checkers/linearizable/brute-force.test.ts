import { describe, expect, it } from 'vitest';
import { bruteForceLinearizable } from './brute-force.js';
import { checkLinearizable } from './check-linearizable.js';
import type { LinOp, LinStatus } from './lin-op.js';
import { ILLEGAL } from './model.js';
import { createModel, type ModelName } from './models/index.js';

/** mulberry32: a seeded generator, so a failure names its seed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Gen = (r: () => number, p: number) => { f: string; input: unknown };
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

const GENS: Record<string, { model: ModelName; gen: Gen }> = {
  'cas-register': { model: 'cas-register', gen: (r) => pick(r, [
    { f: 'read', input: null }, { f: 'write', input: pick(r, [0, 1, 2]) }, { f: 'cas', input: [pick(r, [0, 1, 2]), pick(r, [0, 1, 2])] }]) },
  mutex: { model: 'mutex', gen: (r) => ({ f: pick(r, ['acquire', 'release']), input: null }) },
  kv: { model: 'kv', gen: (r) => pick(r, [{ f: 'get', input: null }, { f: 'put', input: pick(r, ['a', 'b']) }, { f: 'append', input: pick(r, ['a', 'b']) }]) },
  set: { model: 'set', gen: (r) => pick(r, [{ f: 'add', input: pick(r, [1, 2, 3]) }, { f: 'read', input: null }]) },
};

/**
 * A random history: each process runs ops one after another at random times; outputs come from
 * a real sequential execution at random points inside the intervals (ops that could not run get
 * a random output), then one output in three is replaced by a random one, so both verdicts occur.
 */
interface Shape { infoRate: number; processes: number; ops: number; /** An info op's process gives its place to a new one, as in Jepsen; otherwise it stops. */ renew: boolean }

function randomHistory(seed: number, name: string, shape: Shape = { infoRate: 0.2, processes: 3, ops: 6, renew: false }): LinOp[] {
  const r = rng(seed);
  const { model: modelName, gen } = GENS[name] as { model: ModelName; gen: Gen };
  const model = createModel(modelName);
  const processes = 2 + Math.floor(r() * shape.processes);
  const count = 2 + Math.floor(r() * shape.ops);
  const ops: (LinOp & { point: number })[] = [];
  const clock = Array.from({ length: processes }, () => Math.floor(r() * 3));
  const processOf = Array.from({ length: processes }, (_, lane) => lane);
  const retired = new Set<number>();
  for (let id = 0; id < count; id++) {
    const lane = Math.floor(r() * processes);
    if (retired.has(lane)) continue;
    const p = processOf[lane] as number;
    const { f, input } = gen(r, p);
    const call = clock[lane] as number;
    const ret = call + Math.floor(r() * 4);
    const status: LinStatus = r() < shape.infoRate ? 'info' : r() < 0.1 ? 'fail' : 'ok';
    if (status === 'info' && shape.renew) processOf[lane] = p + processes;
    else if (status === 'info') retired.add(lane);
    clock[lane] = ret + 1 + Math.floor(r() * 2);
    ops.push({ id: ops.length, process: p, f, input, output: undefined, status, call, ret, point: call + r() * (ret - call) });
  }
  let state = model.init(undefined);
  for (const op of [...ops].sort((a, b) => a.point - b.point)) {
    if (op.status === 'fail' || (op.status === 'info' && r() < 0.5)) continue;
    const observed = (v: unknown): unknown => (op.f === 'read' || op.f === 'get' ? v : op.f === 'release' ? { released: true } : undefined);
    const next = model.step(state, { ...op, output: undefined });
    op.output = observed(model.describeState(state));
    if (next !== ILLEGAL) state = next;
  }
  for (const op of ops) {
    if (op.f === 'read' && name === 'cas-register' && op.status === 'ok') op.output = op.output === 'nil' ? null : Number(op.output);
    if (op.f === 'read' && name === 'set' && op.status === 'ok') op.output = String(op.output).slice(2, -1).split(' ').filter((x) => x !== '').map(Number);
    if (op.f === 'get' && op.status === 'ok') op.output = JSON.parse(String(op.output ?? '""'));
    if (op.status === 'ok' && r() < 0.33) {
      if (op.f === 'read' && name === 'cas-register') op.output = pick(r, [null, 0, 1, 2]);
      if (op.f === 'read' && name === 'set') op.output = pick(r, [[], [1], [1, 2], [3]]);
      if (op.f === 'get') op.output = pick(r, ['', 'a', 'ab', 'ba', 'b']);
      if (op.f === 'release') op.output = { released: r() < 0.5 };
    }
  }
  return ops.map(({ point: _point, ...op }) => op);
}

/** Checks `runs` random histories of a model with the search and by brute force, throwing on the
 * first disagreement; how many of each verdict it met. */
function agreement(name: string, runs: number, seedOf: (seed: number) => number, shape?: Shape): { true: number; false: number } {
  const seen = { true: 0, false: 0 };
  const model = (GENS[name] as { model: ModelName }).model;
  for (let seed = 1; seed <= runs; seed++) {
    const ops = randomHistory(seedOf(seed), name, shape);
    const expected = bruteForceLinearizable(createModel(model), ops, undefined);
    const got = checkLinearizable(ops, { model }).valid;
    if (got !== expected) throw new Error(`seed ${seed}: search says ${String(got)}, brute force ${String(expected)}: ${JSON.stringify(ops)}`);
    seen[String(expected) as 'true' | 'false']++;
  }
  return seen;
}

describe('the search agrees with brute-force enumeration of every order', () => {
  for (const name of Object.keys(GENS)) {
    it(`on 2500 random small ${name} histories with info ops`, () => {
      const seen = agreement(name, 2500, (seed) => seed * 7919 + name.length);
      expect(seen.true).toBeGreaterThan(250);
      expect(seen.false).toBeGreaterThan(250);
    });
  }
});

// Many info ops with few values: twins (ops with the same effect) and info ops that change
// nothing are common, so the search's two reductions (search.ts) are checked against the definition.
describe('the search agrees with brute force on histories rich in info ops', () => {
  for (const name of ['cas-register', 'kv', 'set']) {
    it(`on 1000 random ${name} histories, two ops in five info`, () => {
      const seen = agreement(name, 1000, (seed) => seed * 104729 + name.length, { infoRate: 0.4, processes: 3, ops: 8, renew: true });
      expect(seen.true).toBeGreaterThan(60);
      expect(seen.false).toBeGreaterThan(60);
    });
  }
});
