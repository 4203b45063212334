import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { History } from '../../checkers/history.js';
import { readHistoryFile } from '../history-file.js';
import type { RunFolder } from '../run-folder.js';
import { prepareReport } from './prepare-report.js';
import { reportHtml, type ReportAssets } from './report-html.js';

const require = createRequire(import.meta.url);

/** uPlot's built files, read from node_modules at render time and inlined into the page. */
export function reportAssets(): ReportAssets {
  const read = (file: string): string => fs.readFileSync(require.resolve(`uplot/dist/${file}`), 'utf8');
  return { uplotJs: read('uPlot.iife.min.js'), uplotCss: read('uPlot.min.css') };
}

function readJson(file: string, notes: string[]): Record<string, unknown> | null {
  if (!fs.existsSync(file)) return null;
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    notes.push(`${file} is not JSON (${(err as Error).message})`);
    return null;
  }
}

/** The folder's history, or null with a note saying why there is none. */
function readHistory(folder: RunFolder, notes: string[]): History | null {
  if (!fs.existsSync(folder.history)) {
    notes.push(`${folder.history} is missing: there is no timeline to draw`);
    return null;
  }
  try {
    return readHistoryFile(folder.history);
  } catch (err) {
    notes.push(`the history cannot be read, so no timeline is drawn: ${(err as Error).message}`);
    return null;
  }
}

export interface RenderedReport { file: string; bytes: number; incidents: number }

export interface RenderOptions {
  /** The folder's history as the check just read it: not read and paired a second time (on an
   * hour-long run that second copy was most of the harness's peak memory). */
  history?: History;
}

/**
 * Writes report.html into a run folder from its files alone (no Docker, no checker run). A history
 * that cannot be read still gives a page: the verdict and checkers from results.json, and why the
 * timeline is missing.
 */
export function renderReport(folder: RunFolder, opts: RenderOptions = {}): RenderedReport {
  const notes: string[] = [];
  const history = opts.history ?? readHistory(folder, notes);
  const data = prepareReport({ history, test: readJson(folder.test, notes), results: readJson(folder.results, notes), notes });
  const html = reportHtml(data, reportAssets());
  fs.writeFileSync(folder.report, html);
  return { file: folder.report, bytes: Buffer.byteLength(html), incidents: data.incidents.length };
}
