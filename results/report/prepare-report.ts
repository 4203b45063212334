import type { History } from '../../checkers/history.js';
import { tableOf } from '../../checkers/op-table.js';
import { beliefsOf } from './beliefs.js';
import { checkerViews, commandOf, counterexampleText, incidentViews, lostViews, paramsOf } from './findings-data.js';
import { verdictWord, type ReportData } from './report-data.js';
import { seriesData } from './series-data.js';
import { timelineData } from './timeline-data.js';

export interface ReportInput {
  /** The parsed history; null when it could not be read (then `notes` say why). */
  history: History | null;
  test: Record<string, unknown> | null;
  results: Record<string, unknown> | null;
  notes?: string[];
}

const EMPTY_SERIES = { x: [], bucketSeconds: 1, throughput: [], latency: [] };

/** Everything report.html shows, from a run folder's parsed files. Pure: no file, no clock. */
export function prepareReport(input: ReportInput): ReportData {
  const test = input.test ?? {};
  const results = input.results ?? {};
  const notes = [...(input.notes ?? [])];
  if (!input.results) notes.push('results.json is missing: run `fencecheck check <run folder>` to check the history, then `fencecheck report` again');
  let history: History = input.history ?? [];
  let beliefs: ReturnType<typeof beliefsOf> = { beliefs: [], possible: [] };
  try {
    beliefs = beliefsOf(history);
  } catch (err) {
    notes.push(`the history breaks the op contract, so no timeline can be drawn: ${(err as Error).message}`);
    history = [];
  }
  const timeline = timelineData(history, beliefs);
  const { sectionOf, laneOf, ...timelineView } = timeline;
  const incidents = incidentViews(results, history, { sectionOf, laneOf, sections: timeline.sections });
  const name = typeof test.name === 'string' ? test.name : 'fencecheck run';
  const started = typeof test.startedAt === 'string' ? ` ${test.startedAt}` : '';
  return {
    title: `${name}${started}`,
    verdict: verdictWord(results.valid),
    summary: typeof results.summary === 'string' ? results.summary : '',
    complete: results.complete !== false,
    ops: typeof results.ops === 'number' ? results.ops : tableOf(history).length,
    checkers: checkerViews(results),
    params: paramsOf(test),
    command: commandOf(test),
    incidents,
    lost: lostViews(results, laneOf),
    counterexample: counterexampleText(results),
    notes,
    timeline: timelineView,
    series: tableOf(history).length > 0 ? seriesData(history) : EMPTY_SERIES,
  };
}
