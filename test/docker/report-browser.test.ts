import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { launchChromium, TEST_OUTPUT } from './browser.js';
import { labelled, latestResults, redisPause, runCli, tempResults } from './cli-process.js';

describe('report.html of a real run, in a real browser', () => {
  it('shows the verdict and every incident, and an incident clicked is outlined on the timeline', async () => {
    const results = tempResults();
    const run = await runCli(redisPause({ fencing: 'none', seed: 3, seconds: 15, results }));
    expect(run.stderr).not.toMatch(/fencecheck: /);
    expect(run.exitCode).toBe(1);
    const folder = fs.realpathSync(path.join(results, 'latest'));
    const report = path.join(folder, 'report.html');
    const printed = /^report: (.+)$/m.exec(run.stdout)?.[1];
    expect(printed && fs.realpathSync(printed)).toBe(report);
    // This run's own containers and networks are gone (others' tests may share the engine).
    const runId = JSON.parse(fs.readFileSync(path.join(folder, 'test.json'), 'utf8')).runId as string;
    expect(await labelled(runId)).toEqual({ containers: 0, networks: 0 });
    const r = latestResults(results);
    const incidents = r.checkers.exclusion.incidents as any[];
    expect(incidents.length).toBeGreaterThan(0);
    // Re-rendered from the files alone, the page is the same size give or take the stamp.
    const before = fs.statSync(report).size;
    const again = await runCli(['report', folder]);
    expect(again.exitCode).toBe(0);
    expect(Math.abs(fs.statSync(report).size - before)).toBeLessThan(100);

    const chromium = await launchChromium();
    try {
      const page = await chromium.context.newPage();
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('request', (req) => requests.push(req.url()));
      await page.goto(`file://${report}`);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
      expect(await page.textContent('#verdict')).toBe('INVALID');
      expect(await page.locator('li.incident').count()).toBe(incidents.length);
      expect(await page.textContent('#incident-count')).toBe(String(incidents.length));
      expect(await page.locator('li.lost').count()).toBe(r.checkers['lost-updates'].lost.length);
      expect(await page.locator('#timeline-highlight').isVisible()).toBe(false);

      fs.mkdirSync(TEST_OUTPUT, { recursive: true });
      const last = incidents.length - 1;
      await page.click(`li.incident[data-index="${last}"]`);
      const highlight = page.locator('#timeline-highlight');
      await expect.poll(() => highlight.isVisible()).toBe(true);
      expect(await highlight.getAttribute('data-id')).toBe(`incident-${last}`);
      expect(await page.getAttribute(`li.incident[data-index="${last}"]`, 'class')).toContain('selected');
      // The outline lies on the timeline's canvas, not off somewhere.
      const box = await highlight.boundingBox();
      const canvas = await page.locator('#timeline canvas').boundingBox();
      expect(box && canvas).toBeTruthy();
      expect(box!.x).toBeGreaterThanOrEqual(canvas!.x - 4);
      expect(box!.x + box!.width).toBeLessThanOrEqual(canvas!.x + canvas!.width + 4);
      expect(box!.y).toBeGreaterThanOrEqual(canvas!.y - 4);
      expect(box!.height).toBeGreaterThan(4);

      // A lost element jumps to its write and the write that overwrote it.
      if (r.checkers['lost-updates'].lost.length > 0) {
        await page.click('li.lost[data-index="0"]');
        await expect.poll(() => highlight.getAttribute('data-id')).toBe('lost-0');
        await page.screenshot({ path: path.join(TEST_OUTPUT, 'report-redis-lost-update.png') });
        await page.click(`li.incident[data-index="${last}"]`);
      }
      await page.screenshot({ path: path.join(TEST_OUTPUT, 'report-redis-pause-holder.png'), fullPage: true });
      expect(problems).toEqual([]);
      expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
    } finally {
      await chromium.close();
    }
  });
});
