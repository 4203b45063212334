import type { History, Op } from '../../checkers/history.js';
import { faultWindows } from '../../checkers/nemesis-windows.js';
import { tableOf, type OpTable } from '../../checkers/op-table.js';
import type { Beliefs } from './beliefs.js';
import { ms, tokenText, type NemesisBand, type TimelineData } from './report-data.js';

function record(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** Fault bands, by the checkers' own pairing of nemesis starts and stops; a fault never seen healed
 * lasts to the end of the history. */
export function nemesisBands(history: History, endNs: number): NemesisBand[] {
  const t = tableOf(history);
  const nemesis: Op[] = [];
  for (let i = 0; i < t.length; i++) if (t.isNemesis(i) && t.type(i) !== 'invoke') nemesis.push(t.op(i));
  return faultWindows(nemesis, endNs).map((w) => ({ fault: w.fault, targets: w.targets, start: ms(w.start), end: ms(w.end), healed: w.stopIndex !== null }));
}

/** One lane per client process, in process order, labelled with the container it ran in. */
function lanesOf(t: OpTable): { lanes: TimelineData['lanes']; laneOf: Map<number, number> } {
  const nodeOf = new Map<number, string | undefined>();
  for (let i = 0; i < t.length; i++) {
    const process = t.process(i);
    if (typeof process !== 'number' || process < 0) continue;
    if (!nodeOf.has(process) || nodeOf.get(process) === undefined) nodeOf.set(process, t.node(i));
  }
  const processes = [...nodeOf.keys()].sort((a, b) => a - b);
  const laneOf = new Map(processes.map((p, i) => [p, i]));
  const lanes = processes.map((p) => {
    const node = nodeOf.get(p);
    return { process: p, label: node === undefined ? `p${p}` : `p${p} ${node}` };
  });
  return { lanes, laneOf };
}

/** The final reads (one per key since bounded lines): when the first ended, and the elements of all. */
function finalReadOf(t: OpTable): TimelineData['finalRead'] {
  let found: { time: number; size: number | null } | null = null;
  for (let i = 0; i < t.length; i++) {
    if (t.f(i) !== 'final-read' || t.type(i) !== 'ok') continue;
    const value = record(t.value(i)).value;
    const size = Array.isArray(value) ? value.length : null;
    found = found === null ? { time: ms(t.time(i)), size } : { time: found.time, size: found.size === null || size === null ? null : found.size + size };
  }
  return found;
}

/** The timeline: lanes, critical sections with their tokens, possible holders, fault bands. */
export function timelineData(history: History, beliefs: Beliefs): TimelineData & { sectionOf: Map<number, number>; laneOf: Map<number, number> } {
  const t = tableOf(history);
  const endNs = t.length > 0 ? t.time(t.length - 1) : 0;
  const end = ms(endNs);
  const { lanes, laneOf } = lanesOf(t);
  // The position of every acquire's ok, by its index: its token is read from there.
  const acquireOk = new Map<number, number>();
  for (let i = 0; i < t.length; i++) if (t.f(i) === 'acquire' && t.type(i) === 'ok') acquireOk.set(t.index(i), i);
  const sections: TimelineData['sections'] = { lane: [], start: [], end: [], token: [], endKnown: [], double: [] };
  const sectionOf = new Map<number, number>();
  const ordered = [...beliefs.beliefs].sort((a, b) => a.start - b.start);
  for (const b of ordered) {
    sectionOf.set(b.acquireIndex, sections.lane.length);
    sections.lane.push(laneOf.get(b.process) ?? 0);
    sections.start.push(ms(b.start));
    sections.end.push(ms(b.end));
    const ok = acquireOk.get(b.acquireIndex);
    sections.token.push(tokenText(record(ok === undefined ? undefined : t.value(ok)).token));
    sections.endKnown.push(b.endKnown ? 1 : 0);
    sections.double.push(0);
  }
  const possible = { lane: beliefs.possible.map((p) => laneOf.get(p.process) ?? 0), start: beliefs.possible.map((p) => ms(p.start)) };
  // The timeline starts at the first op: before it the cluster was starting, with nothing to draw.
  const start = t.length > 0 ? ms(t.time(0)) : 0;
  return { span: { start, end }, lanes, sections, possible, nemesis: nemesisBands(t, endNs), finalRead: finalReadOf(t), sectionOf, laneOf };
}
