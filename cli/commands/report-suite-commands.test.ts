import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateLockHistory } from '../../bench/generate-lock-history.js';
import { checkRunInput } from '../../results/check-run.js';
import { runFolderAt } from '../../results/run-folder.js';
import { runCliInProcess } from '../../test/helpers/run-cli-in-process.js';

const run = runCliInProcess;

const temp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'fc-cli-'));

describe('fencecheck report', () => {
  it('re-renders report.html of a run folder from its files', async () => {
    const folder = runFolderAt(temp());
    const generated = generateLockHistory({ ops: 2000, seed: 3, pauseMs: 30, pauseEveryMs: 150 });
    fs.writeFileSync(folder.history, generated.history.map((op) => JSON.stringify(op)).join('\n') + '\n');
    fs.writeFileSync(folder.test, JSON.stringify({ ...generated.test, name: 'cli', seed: 3, argv: ['test', '--seed', '3'] }));
    const { results } = checkRunInput(folder);
    const incidents = (results.checkers.exclusion?.incidents as unknown[]).length;
    const r = await run(['report', path.join(folder.dir, 'history.jsonl')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`report: .*report\\.html \\(\\d+ KiB, ${incidents} double-holder incidents\\)`));
    const html = fs.readFileSync(folder.report, 'utf8');
    expect(html).toContain('<span class="verdict invalid" id="verdict">INVALID</span>');
    expect(html).toContain('fencecheck test --seed 3');
  });

  it('says what to give instead of a folder that is not a run, exit 254', async () => {
    expect((await run(['report', '/nonexistent/run'])).err).toMatch(/no such file or folder: \/nonexistent\/run/);
    const r = await run(['report', temp()]);
    expect(r.code).toBe(254);
    expect(r.err).toMatch(/has neither history.jsonl nor results.json/);
  });
});

describe('fencecheck suite, before anything runs', () => {
  const suiteFile = (suite: unknown): string => {
    const file = path.join(temp(), 'suite.json');
    fs.writeFileSync(file, JSON.stringify(suite));
    return file;
  };

  it('lists a shard of the runs with their flags and expectations', async () => {
    const r = await run(['suite', path.resolve('examples/suites/nightly.json'), '--list', '--shard', '1/3']);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines[0]).toMatch(/^redis-no-fault-seed1\texpect valid\t.*--backend redis/);
  });

  it('rejects a flag the test command does not know, an unknown backend and a bad shard, exit 254', async () => {
    const bogus = await run(['suite', suiteFile({ entries: [{ backend: 'redis', bogus: 1, expect: 'valid' }] }), '--list']);
    expect(bogus.code).toBe(254);
    expect(bogus.err).toMatch(/redis-none-none: Unknown argument: bogus/);
    const backend = await run(['suite', suiteFile({ entries: [{ backend: 'mongodb', expect: 'valid' }] })]);
    expect(backend.err).toMatch(/unknown backend "mongodb"/);
    const shard = await run(['suite', suiteFile({ entries: [{ backend: 'redis', expect: 'valid' }] }), '--shard', '3/2']);
    expect(shard.code).toBe(254);
    expect(shard.err).toMatch(/--shard must be I\/N/);
  });
});
