import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkRunFolder, checkRunInput } from './check-run.js';
import { renderReport } from './report/render-report.js';
import { runFolderAt } from './run-folder.js';

// Issue 8's "no whole-file read remains", shown on the real code paths: an hour-long run's
// history can pass the largest string V8 makes (0x1fffffe8 characters), so neither the check nor
// the report may read history.jsonl or register.jsonl whole. Every read of them must be a chunk.
const FIXTURE = path.resolve('test/data/run-before-keys');
const LOGS = /(history|register)\.jsonl$/;
const MAX_CHUNK = 1 << 20;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('run folder files are streamed, never read whole', () => {
  it('check and report read history.jsonl and register.jsonl only in bounded chunks', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-streaming-'));
    fs.cpSync(FIXTURE, dir, { recursive: true });
    const whole: string[] = [];
    const fdPaths = new Map<number, string>();
    const chunks: number[] = [];
    const openSync = fs.openSync.bind(fs);
    vi.spyOn(fs, 'openSync').mockImplementation((file, ...rest) => {
      const fd = openSync(file, ...rest);
      fdPaths.set(fd, String(file));
      return fd;
    });
    const readSync = fs.readSync.bind(fs) as (...a: unknown[]) => number;
    vi.spyOn(fs, 'readSync').mockImplementation(((fd: number, buffer: Buffer, offset: number, length: number, position: number | null) => {
      if (LOGS.test(fdPaths.get(fd) ?? '')) chunks.push(length);
      return readSync(fd, buffer, offset, length, position);
    }) as typeof fs.readSync);
    const readFileSync = fs.readFileSync.bind(fs) as (...a: unknown[]) => unknown;
    vi.spyOn(fs, 'readFileSync').mockImplementation(((file: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
      if (LOGS.test(String(file))) whole.push(String(file));
      return readFileSync(file, ...rest);
    }) as typeof fs.readFileSync);
    try {
      const results = checkRunFolder(runFolderAt(dir));
      renderReport(runFolderAt(dir));
      expect(results.valid).not.toBeUndefined();
      expect(whole).toEqual([]);
      // The spies saw the reader at work (the test cannot pass by watching nothing), in chunks.
      expect(chunks.length).toBeGreaterThanOrEqual(2);
      expect(Math.max(...chunks)).toBeLessThanOrEqual(MAX_CHUNK);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('at the end of a run the history is read once, for the check and the report both', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-once-'));
    fs.cpSync(FIXTURE, dir, { recursive: true });
    const opened: string[] = [];
    const openSync = fs.openSync.bind(fs);
    vi.spyOn(fs, 'openSync').mockImplementation((file, ...rest) => {
      if (String(file).endsWith('history.jsonl')) opened.push(String(file));
      return openSync(file, ...rest);
    });
    try {
      // What harness/run-test.ts does after the final reads.
      const folder = runFolderAt(dir);
      const { history } = checkRunInput(folder);
      const report = renderReport(folder, { history });
      expect(opened).toHaveLength(1);
      const html = fs.readFileSync(report.file, 'utf8');
      expect(html).not.toContain('there is no timeline to draw');
      // The same folder rendered on its own reads the history again, so the spy does see reads.
      renderReport(folder);
      expect(opened).toHaveLength(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
