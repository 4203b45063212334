import { describe, expect, it } from 'vitest';
import { generateLockHistory } from '../../bench/generate-lock-history.js';
import { checkLockHistory } from '../../checkers/lock-checkers.js';
import type { Op } from '../../checkers/history.js';
import { prepareReport } from './prepare-report.js';
import { reportHtml } from './report-html.js';
import { reportAssets } from './render-report.js';

function checked(history: Op[], register: ReturnType<typeof generateLockHistory>['register'], test: Record<string, unknown>) {
  const r = checkLockHistory({ history, register, test });
  return { ...r, ops: history.length, complete: false } as unknown as Record<string, unknown>;
}

describe('report data on a generated 100,000-op history', () => {
  const generated = generateLockHistory({ ops: 100_000, seed: 7, pauseMs: 30, pauseEveryMs: 150, infoRate: 0.002 });
  const test = { ...generated.test, name: 'generated', seed: 7, argv: ['test', '--backend', 'redis', '--nemesis', 'pause-holder'] };
  const results = checked(generated.history, generated.register, test);
  const exclusion = (results.checkers as Record<string, Record<string, unknown>>).exclusion as { sections: number; incidents: { holders: { acquireIndex: number; process: number }[] }[] };

  it('prepares in well under a second per 100,000 ops, with every section and incident in place', () => {
    const started = performance.now();
    const data = prepareReport({ history: generated.history, test, results });
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(3000);
    const s = data.timeline.sections;
    expect(s.lane.length).toBe(exclusion.sections);
    expect(exclusion.incidents.length).toBeGreaterThan(10);
    expect(data.incidents.length).toBe(exclusion.incidents.length);
    // Every incident points at two sections on the lanes of its two processes, overlapping where it says.
    for (const incident of data.incidents) {
      for (const k of [0, 1] as const) {
        const section = incident.sections[k];
        expect(section).toBeGreaterThanOrEqual(0);
        expect(s.double[section]).toBe(1);
        expect(data.timeline.lanes[s.lane[section] as number]?.process).toBe(incident.processes[k]);
        expect(s.start[section]).toBeLessThanOrEqual(incident.start + 0.001);
      }
      expect(incident.end).toBeGreaterThan(incident.start);
    }
    const doubled = new Set(data.incidents.flatMap((i) => i.sections));
    expect(s.double.filter((d) => d === 1).length).toBe(doubled.size);
    // Sections are in start order, so the page can cull and search them.
    for (let i = 1; i < s.start.length; i++) expect(s.start[i] as number).toBeGreaterThanOrEqual(s.start[i - 1] as number);
    expect(s.endKnown.filter((k) => k === 0).length).toBeGreaterThan(0);
    expect(data.timeline.nemesis.length).toBe(generated.history.filter((op) => op.process === 'nemesis' && op.f === 'start').length);
    expect(data.command).toBe('fencecheck test --backend redis --nemesis pause-holder --seed 7');
  });

  it('throughput buckets add up to the completions, and the page stays small', () => {
    const data = prepareReport({ history: generated.history, test, results });
    const { series } = data;
    const completed = generated.history.filter((op) => op.process !== 'nemesis' && op.type !== 'invoke' && op.f !== 'final-read');
    const sum = series.throughput.reduce((total, s) => total + s.values.reduce((a, v) => a + v, 0), 0) * series.bucketSeconds;
    expect(Math.abs(sum - completed.length)).toBeLessThan(completed.length * 0.001 + 5);
    expect(series.x.length).toBeLessThanOrEqual(150);
    for (const l of series.latency) expect(l.values).toHaveLength(series.x.length);
    const html = reportHtml(data, reportAssets());
    expect(Buffer.byteLength(html)).toBeLessThan(4 * 1024 * 1024);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
    expect(html).toContain(`<span id="incident-count">${exclusion.incidents.length}</span>`);
  });
});

describe('report data, any op shape', () => {
  const op = (index: number, ms: number, type: Op['type'], process: Op['process'], f: string, value?: unknown): Op => ({ index, time: ms * 1e6, type, process, f, ...(value === undefined ? {} : { value }) });

  it('keeps 64-bit decimal-string tokens exactly, and draws an info tail and an unhealed fault', () => {
    const big = '18446744073709551615';
    const history = [
      op(0, 0, 'info', 'nemesis', 'start', { fault: 'clock-bump', targets: ['n1'] }),
      op(1, 1, 'invoke', 0, 'acquire', { lock: 'L' }),
      op(2, 2, 'ok', 0, 'acquire', { lock: 'L', token: big }),
      op(3, 3, 'invoke', 0, 'write', { lock: 'L', token: big, value: [1], element: 1 }),
      op(4, 9, 'info', 0, 'write', { lock: 'L', token: big }),
      op(5, 10, 'invoke', 1, 'acquire', { lock: 'L' }),
    ];
    const data = prepareReport({ history, test: null, results: null });
    expect(data.timeline.sections.token).toEqual([big]);
    expect(data.timeline.sections.endKnown).toEqual([0]);
    expect(data.timeline.possible.start).toEqual([10]);
    expect(data.timeline.nemesis).toEqual([{ fault: 'clock-bump', targets: ['n1'], start: 0, end: 10, healed: false }]);
    expect(data.verdict).toBe('unknown');
    expect(data.notes.join(' ')).toMatch(/results.json is missing/);
  });

  it('a history that breaks the op contract still gives a page that says why', () => {
    const history = [op(0, 0, 'ok', 0, 'acquire', { lock: 'L' })];
    const data = prepareReport({ history, test: {}, results: { valid: false, summary: 'x', checkers: {} } });
    expect(data.verdict).toBe('invalid');
    expect(data.timeline.sections.lane).toEqual([]);
    expect(data.notes.join(' ')).toMatch(/breaks the op contract/);
  });
});

describe('report page', () => {
  it('escapes what the run folder says, in the HTML and in the inlined data', () => {
    const evil = '</script><script>alert(1)</script>';
    const data = prepareReport({ history: [], test: { name: evil, argv: ['test', '--name', evil] }, results: { valid: true, summary: evil, checkers: { x: { valid: true, summary: evil } } } });
    const html = reportHtml(data, { uplotJs: '', uplotCss: '' });
    expect(html).not.toContain(evil);
    expect(html.match(/<\/script>/g)).toHaveLength(3);
    expect(html).toContain('fencecheck test --name &#39;&#60;/script&#62;&#60;script&#62;alert(1)&#60;/script&#62;&#39;');
  });
});
