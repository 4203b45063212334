import { combineVerdicts, type CheckResult, type Verdict } from '../history.js';
import { Budget, type BudgetOptions } from './budget.js';
import { buildCounterexample, type Counterexample } from './counterexample.js';
import { buildEntryList, type EntryList } from './entry-list.js';
import type { LinOp } from './lin-op.js';
import type { Model } from './model.js';
import { createModel, isModelName, MODEL_FS, type ModelName } from './models/index.js';
import { keyedModel } from './models/keyed-model.js';
import { keysOf, partitionByKey } from './partition.js';
import { runPartitions } from './run-partitions.js';
import { PartitionSearchTask, type PartitionSearch } from './search.js';

export interface LinearizableOptions extends BudgetOptions {
  /** A model, or the name of a built-in one. */
  model: Model | ModelName;
  /** The initial value (undefined: nil, unset). */
  initial?: unknown;
  /** Check each key separately (P-compositionality). Default true; false checks one whole map. */
  perKey?: boolean;
}

export interface LinearizableResult extends CheckResult {
  model: string;
  ops: number;
  partitions: number;
  /** Dead configurations stored, over all partitions searched: a measure of the work done. */
  configs: number;
  reason?: string;
  counterexample?: Counterexample;
}

/**
 * Whether the ops are linearizable with respect to the model. Partitions are independent
 * (P-compositionality): the first one that is not linearizable decides `false`; a partition whose
 * search runs out of budget makes the verdict `unknown` unless another is `false`.
 * Throws only for ops the model does not know.
 */
export function checkLinearizable(ops: readonly LinOp[], opts: LinearizableOptions): LinearizableResult {
  const base = typeof opts.model === 'string' ? createModel(opts.model) : opts.model;
  rejectUnknownOps(base, ops);
  const kept = keptOps(ops, base);
  const keys = keysOf(kept);
  const whole = opts.perKey === false && keys.length > 1;
  const model = whole ? keyedModel(base, keys) : base;
  const parts = whole ? [kept] : model.partition?.(kept) ?? partitionByKey(kept);
  const budget = new Budget(opts);
  const initial = model.init(opts.initial);
  const lists = parts.map((part) => buildEntryList(part, model.effectKey?.bind(model)));
  const tasks = lists.map((list, p) => new PartitionSearchTask(model, list, initial, 0x2545f491 + p * 0x9e3779b9));
  const run = runPartitions(tasks, budget);
  const configs = run.results.reduce((sum, r) => sum + (r?.configs ?? 0), 0);
  if (run.falseAt !== undefined) {
    const part = parts[run.falseAt] as readonly LinOp[];
    const key = whole ? undefined : part[0]?.key;
    const found = run.results[run.falseAt] as PartitionSearch;
    const counterexample = buildCounterexample(model, lists[run.falseAt] as EntryList, found.order, initial, key);
    return { valid: false, summary: falseSummary(counterexample, model.name), model: model.name, ops: kept.length, partitions: parts.length, configs, counterexample };
  }
  const verdict: Verdict = combineVerdicts(run.results.map((r) => r?.verdict ?? 'unknown'));
  const reason = run.reason;
  const summary = verdict === true
    ? `linearizable as a ${model.name}: ${kept.length} ops in ${parts.length} ${parts.length === 1 ? 'part' : 'independent parts'}`
    : `${reason ?? 'search stopped'} before the search could decide`;
  return { valid: verdict, summary, model: model.name, ops: kept.length, partitions: parts.length, configs, ...(reason === undefined ? {} : { reason }) };
}

/** The ops the search needs: not a failed op the model does not observe, not a no-op. The very
 * array when that is all of them (a lock history's half a million ops are not copied). */
function keptOps(ops: readonly LinOp[], model: Model): readonly LinOp[] {
  const keep = (op: LinOp): boolean => (op.status !== 'fail' || model.observesFailure?.(op) === true) && model.isNoop?.(op) !== true;
  return ops.every(keep) ? ops : ops.filter(keep);
}

function falseSummary(c: Counterexample, model: string): string {
  const where = c.key === undefined ? '' : ` (key ${JSON.stringify(c.key)})`;
  const blocked = c.blocked === null ? 'no op can follow' : `${c.blocked.op} cannot be linearized`;
  return `not linearizable as a ${model}${where}: after the longest linearizable prefix of ${c.prefixLength} ops, in state ${c.state}, ${blocked}`;
}

function rejectUnknownOps(model: Model, ops: readonly LinOp[]): void {
  if (!isModelName(model.name)) return;
  const fs = MODEL_FS[model.name];
  const bad = ops.find((op) => !fs.includes(op.f));
  if (bad === undefined) return;
  const where = bad.line === undefined ? `op ${bad.id}` : `line ${bad.line}`;
  throw new Error(`the ${model.name} model has no operation "${bad.f}" (${where}): it knows ${fs.join(', ')}; choose another --model`);
}
