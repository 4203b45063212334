import { reportMain } from './report-client.js';
import type { IncidentView, LostView, ReportData } from './report-data.js';
import { REPORT_CSS } from './report-style.js';
import { createTimeline } from './timeline-client.js';

/** The charting library's files, inlined so the page needs no network. */
export interface ReportAssets { uplotJs: string; uplotCss: string }

/** Past this, lists show the first ones and say how many more results.json has. */
export const LIST_LIMIT = 1000;

export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** Text safe inside a <script> element. */
const scriptSafe = (s: string): string => s.replace(/<\/(script)/gi, '<\\/$1');
const seconds = (ms: number): string => `${(ms / 1000).toFixed(3)} s`;
const token = (t: string | null): string => (t === null ? 'no token' : `token ${escapeHtml(t)}`);

function incidentItem(incident: IncidentView, i: number): string {
  const [a, b] = incident.processes;
  const faults = incident.nemesis.length > 0 ? ` <span class="muted">after ${escapeHtml(incident.nemesis.join('; '))}</span>` : '';
  return `<li class="incident" data-index="${i}">process ${a} (${token(incident.tokens[0])}) and process ${b} (${token(incident.tokens[1])}) both held ${escapeHtml(incident.lock || 'the lock')} for ${incident.overlapMs.toFixed(1)} ms from ${seconds(incident.start)}${faults}</li>`;
}

function lostItem(lost: LostView, i: number): string {
  const by = lost.overwrittenBy
    ? `, overwritten at ${seconds(lost.overwrittenBy.time)} by process ${lost.overwrittenBy.process} (${token(lost.overwrittenBy.token)})`
    : ', no overwriting write found in the register log';
  return `<li class="lost" data-index="${i}">element ${lost.element}${lost.key === null ? '' : ` of key ${lost.key}`}, written by process ${lost.process} (${token(lost.token)}) at ${seconds(lost.time)}${by}</li>`;
}

function list<T>(items: readonly T[], render: (item: T, i: number) => string, none: string): string {
  if (items.length === 0) return `<p class="muted">${none}</p>`;
  const more = items.length > LIST_LIMIT ? `<p class="muted">… ${items.length - LIST_LIMIT} more in results.json</p>` : '';
  return `<ol class="findings">${items.slice(0, LIST_LIMIT).map(render).join('')}</ol>${more}`;
}

function checkersTable(data: ReportData): string {
  const rows = data.checkers.map((c) => `<tr><td>${escapeHtml(c.name)}</td><td class="v-${c.verdict}">${c.verdict}</td><td class="muted">${c.decides ? 'decides' : 'reports only'}</td><td>${escapeHtml(c.summary)}</td></tr>`);
  return rows.length > 0 ? `<table id="checkers">${rows.join('')}</table>` : '<p class="muted">no checker results</p>';
}

const LEGEND = '<div class="legend"><span><i style="background:#1f77b4"></i>critical section (token)</span><span><i style="background:#d62728"></i>double holder</span>'
  + '<span><i style="background:rgba(31,119,180,.25)"></i>end unknown (info)</span><span><i style="border-top:2px dashed #888;height:0"></i>acquire of unknown outcome</span>'
  + '<span><i style="background:rgba(255,160,0,.35)"></i>fault window</span><span><i style="background:#ff7f0e"></i>lost element → overwriting write</span>'
  + '<span class="muted">wheel: zoom, drag: pan, double-click: whole run</span></div>';

/** The whole self-contained page: static HTML for what reads without script, data and code inlined. */
export function reportHtml(data: ReportData, assets: ReportAssets): string {
  const complete = data.complete ? '' : '<p class="note">The history was cut short: operations still open count as unknown (info).</p>';
  const notes = data.notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('');
  const params = data.params.map(([k, v]) => `<tr><td>${escapeHtml(k)}</td><td>${escapeHtml(v)}</td></tr>`).join('');
  const counterexample = data.counterexample === null ? ''
    : `<h2>Counterexample</h2><details><summary>the smallest history prefix the model search could not linearize</summary><pre>${escapeHtml(data.counterexample)}</pre></details>`;
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${data.verdict.toUpperCase()} · ${data.title}`)}</title>
<style>${assets.uplotCss}${REPORT_CSS}</style></head>
<body><main>
<h1><span class="verdict ${data.verdict}" id="verdict">${data.verdict.toUpperCase()}</span>${escapeHtml(data.title)}</h1>
<p class="summary">${escapeHtml(data.summary)}</p>${complete}${notes}
<p class="muted">${data.ops} ops, ${data.timeline.lanes.length} processes, ${data.timeline.nemesis.length} fault windows, ${((data.timeline.span.end - data.timeline.span.start) / 1000).toFixed(1)} s from the first op at ${seconds(data.timeline.span.start)}</p>
${checkersTable(data)}
<h2>Timeline <button id="whole-run" type="button">whole run</button></h2>${LEGEND}
<div id="timeline"></div>
<h2>Double holders (<span id="incident-count">${data.incidents.length}</span>)</h2>
${list(data.incidents, incidentItem, 'no two processes held the same lock at once')}
<h2>Lost updates (<span id="lost-count">${data.lost.length}</span>)</h2>
${list(data.lost, lostItem, 'every acknowledged element is in the final value')}
<div class="charts"><div><h2>Latency of ok operations (ms)</h2><div id="latency"></div></div>
<div><h2>Throughput (per ${data.series.bucketSeconds} s bucket, per second)</h2><div id="throughput"></div></div></div>
${counterexample}
<h2>Reproduce</h2><pre id="command">${escapeHtml(data.command ?? 'the command line was not recorded in test.json')}</pre>
<h2>Parameters</h2><table id="params">${params}</table>
</main>
<script type="application/json" id="report-data">${json}</script>
<script>${scriptSafe(assets.uplotJs)}</script>
<script>
${scriptSafe(createTimeline.toString())}
(${scriptSafe(reportMain.toString())})(JSON.parse(document.getElementById('report-data').textContent), uPlot, createTimeline);
</script>
</body></html>
`;
}
