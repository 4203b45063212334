import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { checkRunInput } from '../results/check-run.js';
import { renderReport } from '../results/report/render-report.js';
import { runFolderAt } from '../results/run-folder.js';
import { generateLockHistory } from './generate-lock-history.js';
import { median } from './median.js';

// report.html of a 100,000-op run: its size, the time to render it, and the time chromium takes
// from navigation to a drawn page (timeline and charts). Usage:
//   npm run build && node dist/bench/report-page.js [ops] [loads]

const ops = Number(process.argv[2] ?? 100_000);
const loads = Number(process.argv[3] ?? 5);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-report-bench-'));
const folder = runFolderAt(dir);
const generated = generateLockHistory({ ops, seed: 7, pauseMs: 30, pauseEveryMs: 150, infoRate: 0.002 });
const jsonl = (rows: readonly unknown[]): string => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
fs.writeFileSync(folder.history, jsonl(generated.history));
fs.writeFileSync(folder.register, jsonl(generated.register));
fs.writeFileSync(folder.test, JSON.stringify({ ...generated.test, name: 'generated', seed: 7, argv: ['test', '--seed', '7'] }));
checkRunInput(folder);

const renders: number[] = [];
let bytes = 0;
let incidents = 0;
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  ({ bytes, incidents } = renderReport(folder));
  renders.push(performance.now() - t);
}

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.FENCECHECK_CHROMIUM ?? '/usr/bin/chromium', headless: true, viewport: { width: 1400, height: 1000 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const times: number[] = [];
try {
  for (let i = 0; i < loads; i++) {
    const page = await context.newPage();
    const t = performance.now();
    await page.goto(`file://${folder.report}`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 120_000 });
    times.push(performance.now() - t);
    if (i === 0) await page.screenshot({ path: path.join(dir, 'report.png') });
    await page.close();
  }
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
console.log(`${generated.history.length} ops, ${incidents} double-holder incidents: report.html ${(bytes / 1024 / 1024).toFixed(2)} MiB, `
  + `rendered in ${median(renders).toFixed(0)} ms (median of ${renders.length}), loaded and drawn in chromium in ${median(times).toFixed(0)} ms (median of ${times.length}); files in ${dir}`);
