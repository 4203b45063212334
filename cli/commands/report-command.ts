import fs from 'node:fs';
import path from 'node:path';
import type { Argv } from 'yargs';
import { runFolderAt } from '../../results/run-folder.js';
import { renderReport } from '../../results/report/render-report.js';
import { EXIT, UsageError } from '../exit-codes.js';

export interface ReportArgs { path: string }

export function reportBuilder(y: Argv): Argv<ReportArgs> {
  return y
    .positional('path', { type: 'string', describe: 'a run folder (results/latest) or a file inside one' })
    .example('$0 report results/latest', 're-render report.html of the newest run from its files, no Docker needed') as unknown as Argv<ReportArgs>;
}

/** Re-renders report.html from a run folder's files; the verdict comes from its results.json. */
export function reportCommand(args: ReportArgs): number {
  if (!fs.existsSync(args.path)) throw new UsageError(`no such file or folder: ${args.path} (give a run folder such as results/latest)`);
  const dir = fs.statSync(args.path).isDirectory() ? args.path : path.dirname(args.path);
  const folder = runFolderAt(dir);
  if (!fs.existsSync(folder.history) && !fs.existsSync(folder.results)) {
    throw new UsageError(`${dir} has neither history.jsonl nor results.json: give a run folder such as results/latest`);
  }
  const rendered = renderReport(folder);
  console.log(`report: ${rendered.file} (${Math.ceil(rendered.bytes / 1024)} KiB, ${rendered.incidents} double-holder incidents)`);
  return EXIT.valid;
}
