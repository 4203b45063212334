import path from 'node:path';
import type { SuiteResult } from './run-suite.js';

const html = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const OUTCOME_WORDS = { met: 'as expected', regression: 'REGRESSION', 'not-reproduced': 'not reproduced', unknown: 'unknown', error: 'error' } as const;

/** index.html of a suite run: every run with its verdict, expectation and a link to its report,
 * linked relative to the index so the folder can be moved or uploaded as one artifact. */
export function suiteIndexHtml(opts: { suite: string; shard: string | null; indexDir: string; results: readonly SuiteResult[] }): string {
  const met = opts.results.filter((r) => r.outcome === 'met').length;
  const rows = opts.results.map((r) => {
    const link = r.report.folder ? `<a href="${html(path.relative(opts.indexDir, path.join(r.report.folder, 'report.html')).split(path.sep).join('/'))}">report</a>` : '';
    const flags = Object.entries(r.run.flags).map(([k, v]) => `${k}=${v}`).join(' ');
    const figures = Object.entries(r.report.figures).map(([k, v]) => `${k} ${v}`).join(', ');
    return `<tr class="${r.outcome}"><td>${r.position + 1}</td><td>${html(r.run.id)}</td><td>${r.run.expect}</td><td>${r.report.verdict}</td>`
      + `<td class="outcome">${OUTCOME_WORDS[r.outcome]}</td><td>${link}</td><td>${html(figures)}</td><td class="flags">${html(flags)}</td><td>${r.report.seconds.toFixed(0)} s</td></tr>`;
  });
  const title = `${opts.suite}${opts.shard ? ` shard ${opts.shard}` : ''}: ${met} of ${opts.results.length} as expected`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${html(title)}</title><style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #1d2330; } table { border-collapse: collapse; }
td, th { padding: 4px 10px; text-align: left; border-bottom: 1px solid #e3e6ea; vertical-align: top; } td:nth-child(2), .outcome { white-space: nowrap; }
tr.met .outcome { color: #2e8540; } tr.regression .outcome, tr.error .outcome { color: #c62828; font-weight: 700; }
tr.not-reproduced .outcome, tr.unknown .outcome { color: #8a6d00; font-weight: 700; } .flags { color: #6b7280; font-size: 12px; }
</style></head><body><h1>${html(title)}</h1>
<table><tr><th>#</th><th>run</th><th>expected</th><th>verdict</th><th>outcome</th><th></th><th>figures</th><th>flags</th><th>time</th></tr>
${rows.join('\n')}
</table></body></html>
`;
}
