import type { Op } from '../../checkers/history.js';
import { faultWindows } from '../../checkers/nemesis-windows.js';
import type { Beliefs } from './beliefs.js';
import { ms, tokenText, type NemesisBand, type TimelineData } from './report-data.js';

function record(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** Fault bands, by the checkers' own pairing of nemesis starts and stops; a fault never seen healed
 * lasts to the end of the history. */
export function nemesisBands(history: readonly Op[], endNs: number): NemesisBand[] {
  const nemesis = history.filter((op) => op.process === 'nemesis' && op.type !== 'invoke');
  return faultWindows(nemesis, endNs).map((w) => ({ fault: w.fault, targets: w.targets, start: ms(w.start), end: ms(w.end), healed: w.stopIndex !== null }));
}

/** One lane per client process, in process order, labelled with the container it ran in. */
function lanesOf(history: readonly Op[]): { lanes: TimelineData['lanes']; laneOf: Map<number, number> } {
  const nodeOf = new Map<number, string | undefined>();
  for (const op of history) {
    if (typeof op.process !== 'number' || op.process < 0) continue;
    if (!nodeOf.has(op.process) || (nodeOf.get(op.process) === undefined && typeof op.node === 'string')) nodeOf.set(op.process, op.node);
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
function finalReadOf(history: readonly Op[]): TimelineData['finalRead'] {
  let found: { time: number; size: number | null } | null = null;
  for (const op of history) {
    if (op.f !== 'final-read' || op.type !== 'ok') continue;
    const value = record(op.value).value;
    const size = Array.isArray(value) ? value.length : null;
    found = found === null ? { time: ms(op.time), size } : { time: found.time, size: found.size === null || size === null ? null : found.size + size };
  }
  return found;
}

/** The timeline: lanes, critical sections with their tokens, possible holders, fault bands. */
export function timelineData(history: readonly Op[], beliefs: Beliefs): TimelineData & { sectionOf: Map<number, number>; laneOf: Map<number, number> } {
  const endNs = history.length > 0 ? (history[history.length - 1] as Op).time : 0;
  const end = ms(endNs);
  const { lanes, laneOf } = lanesOf(history);
  const acquireOk = new Map<number, Op>();
  for (const op of history) if (op.f === 'acquire' && op.type === 'ok') acquireOk.set(op.index, op);
  const sections: TimelineData['sections'] = { lane: [], start: [], end: [], token: [], endKnown: [], double: [] };
  const sectionOf = new Map<number, number>();
  const ordered = [...beliefs.beliefs].sort((a, b) => a.start - b.start);
  for (const b of ordered) {
    sectionOf.set(b.acquireIndex, sections.lane.length);
    sections.lane.push(laneOf.get(b.process) ?? 0);
    sections.start.push(ms(b.start));
    sections.end.push(ms(b.end));
    sections.token.push(tokenText(record(acquireOk.get(b.acquireIndex)?.value).token));
    sections.endKnown.push(b.endKnown ? 1 : 0);
    sections.double.push(0);
  }
  const possible = { lane: beliefs.possible.map((p) => laneOf.get(p.process) ?? 0), start: beliefs.possible.map((p) => ms(p.start)) };
  // The timeline starts at the first op: before it the cluster was starting, with nothing to draw.
  const start = history.length > 0 ? ms((history[0] as Op).time) : 0;
  return { span: { start, end }, lanes, sections, possible, nemesis: nemesisBands(history, endNs), finalRead: finalReadOf(history), sectionOf, laneOf };
}
