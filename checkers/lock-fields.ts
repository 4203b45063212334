import type { Op } from './history.js';
import type { OpTable } from './op-table.js';
import { isTokenField } from './token.js';

const INTEGER_FIELDS = ['key', 'length', 'version', 'base'] as const;

/**
 * The lock workload's value fields (checkers/history.ts), checked once where the history is paired,
 * so that no checker reads a field of the wrong type as absent and judges on it. Returns what is
 * wrong with an op, or null. `elements` collects the elements of write invocations: an element
 * must be unique (a reused id could hide a lost one behind its twin).
 */
export function lockFieldProblem(op: Op, elements: Map<number, number>): string | null {
  if (typeof op.process !== 'number') return null;
  const v = op.value;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    return op.f === 'final-read' && op.type === 'ok' ? 'a final read\'s ok must have a value {"key": key, "value": [elements]}' : null;
  }
  const value = v as Record<string, unknown>;
  if (value.lock !== undefined && typeof value.lock !== 'string') return `"lock" must be a string, got ${JSON.stringify(value.lock)}`;
  if ('token' in value && !isTokenField(value.token)) {
    return `"token" must be a decimal string, an integer, an opaque string or null, got ${JSON.stringify(value.token)}`;
  }
  // Named reads, not a loop over the names: this runs on every op of a million-op history.
  if (!isIntegerOrAbsent(value.key) || !isIntegerOrAbsent(value.length) || !isIntegerOrAbsent(value.version) || !isIntegerOrAbsent(value.base)) {
    const field = INTEGER_FIELDS.find((f) => !isIntegerOrAbsent(value[f])) as string;
    return `"${field}" must be an integer, got ${JSON.stringify(value[field])}`;
  }
  const list = elementList(value.value);
  if (op.f === 'final-read' && op.type === 'ok' && list !== 'ok') return `the final read's "value" ${list === 'absent' ? 'is missing' : list}`;
  if ((op.f === 'read' || op.f === 'write') && list !== 'ok' && list !== 'absent') return `"value" ${list}`;
  if (op.f !== 'write') return null;
  if (value.element !== undefined && !Number.isSafeInteger(value.element)) return `"element" must be an integer, got ${JSON.stringify(value.element)}`;
  if (op.type !== 'invoke' || value.element === undefined) return null;
  return reusedElement(value.element as number, op.index, elements);
}

/** lockFieldProblem of the table's line i, reading the columns when the line is held there: its
 * fields then have their types (op-table.ts), and only a written element can be wrong, by being
 * reused. A final read, or a line kept as an object, is judged as an op. */
export function lockFieldProblemAt(t: OpTable, i: number, elements: Map<number, number>): string | null {
  if (!t.inColumns(i) || t.f(i) === 'final-read') return lockFieldProblem(t.op(i), elements);
  if (t.isNemesis(i) || t.type(i) !== 'invoke' || t.f(i) !== 'write') return null;
  const element = t.valueField(i, 'element');
  return typeof element === 'number' ? reusedElement(element, t.index(i), elements) : null;
}

function reusedElement(element: number, index: number, elements: Map<number, number>): string | null {
  const first = elements.get(element);
  if (first !== undefined) return `element ${element} is written again (first at index ${first}): every write must add a new element`;
  elements.set(element, index);
  return null;
}

function isIntegerOrAbsent(v: unknown): boolean {
  return v === undefined || Number.isSafeInteger(v);
}

function elementList(raw: unknown): 'ok' | 'absent' | string {
  if (raw === undefined) return 'absent';
  if (!Array.isArray(raw)) return `must be a list of integer elements, got ${JSON.stringify(raw)}`;
  const bad = raw.find((e) => !Number.isSafeInteger(e));
  return bad === undefined ? 'ok' : `must hold integer elements only, got ${JSON.stringify(bad)}`;
}
