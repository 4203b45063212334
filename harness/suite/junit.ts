import type { Outcome, SuiteResult } from './run-suite.js';

const xml = (s: string): string => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`)
  // Characters XML 1.0 forbids (control codes from a container's log, say) are dropped.
  // eslint-disable-next-line no-control-regex
  .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

const WHY: Record<Exclude<Outcome, 'met'>, string> = {
  regression: 'regression: expected valid, the run found a violation',
  'not-reproduced': 'not reproduced: expected invalid, the run came out valid (the fault did not bite this time; not a regression)',
  unknown: 'unknown: the checkers could not decide',
  error: 'error: the run did not finish',
};

function testcase(suite: string, r: SuiteResult): string {
  const { run, report, outcome } = r;
  const props = [['expect', run.expect], ['verdict', report.verdict], ['outcome', outcome], ['folder', report.folder ?? ''],
    ...Object.entries(run.flags).map(([k, v]) => [`flag.${k}`, String(v)])];
  const properties = `<properties>${props.map(([k, v]) => `<property name="${xml(k as string)}" value="${xml(v as string)}"/>`).join('')}</properties>`;
  const figures = Object.entries(report.figures).map(([k, v]) => `${k}: ${v}`).join('\n');
  const body = `${report.summary}\n${figures}${report.folder ? `\nreport: ${report.folder}/report.html` : ''}`;
  let verdict = '';
  if (outcome === 'error') verdict = `<error type="error" message="${xml(WHY.error)}">${xml(body)}</error>`;
  else if (outcome !== 'met') verdict = `<failure type="${outcome}" message="${xml(WHY[outcome])}">${xml(body)}</failure>`;
  const out = report.folder ? `<system-out>${xml(`run folder: ${report.folder}\n${report.summary}`)}</system-out>` : '';
  return `    <testcase classname="fencecheck.${xml(suite)}" name="${xml(run.id)}" time="${report.seconds.toFixed(3)}">${properties}${verdict}${out}</testcase>`;
}

/** A JUnit XML file with one test case per run; shards' files merge in any CI (one testsuite each). */
export function junitXml(opts: { suite: string; shard: string | null; results: readonly SuiteResult[] }): string {
  const { results } = opts;
  const failures = results.filter((r) => r.outcome !== 'met' && r.outcome !== 'error').length;
  const errors = results.filter((r) => r.outcome === 'error').length;
  const time = results.reduce((sum, r) => sum + r.report.seconds, 0);
  const name = `${opts.suite}${opts.shard ? ` (shard ${opts.shard})` : ''}`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="fencecheck" tests="${results.length}" failures="${failures}" errors="${errors}" time="${time.toFixed(3)}">
  <testsuite name="${xml(name)}" tests="${results.length}" failures="${failures}" errors="${errors}" skipped="0" time="${time.toFixed(3)}">
${results.map((r) => testcase(opts.suite, r)).join('\n')}
  </testsuite>
</testsuites>
`;
}
