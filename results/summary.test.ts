import { describe, expect, it } from 'vitest';
import { HistoryBuilder } from '../checkers/history-builder.js';
import { checkStats } from '../checkers/stats.js';
import { runFolderAt } from './run-folder.js';
import { formatSummary } from './summary.js';

const holder = (process: number, token: number, startMs: number, endMs: number) =>
  ({ process, token, acquireIndex: process * 100 + token, startMs, endMs, endKnown: true });

describe('terminal summary', () => {
  it('tells one story per stale holder and names every lost element with what overwrote it', () => {
    const paused = holder(3, 4, 1000, 3500);
    const text = formatSummary({
      folder: runFolderAt('/runs/x'),
      results: {
        valid: false, summary: 'exclusion: …', ops: 10, complete: true,
        checkers: {
          exclusion: { valid: false, summary: '2 double holders', incidents: [
            { holders: [paused, holder(4, 5, 2000, 2100)], nemesis: [7] },
            { holders: [holder(4, 6, 2200, 2300), paused], nemesis: [7, 9] },
          ] },
          'lost-updates': { valid: false, summary: '1 lost', lost: [{ element: 3, process: 3, token: 4, overwrittenBy: { process: 4, token: 7 } }] },
          stats: { valid: true, decides: false, summary: '10 ops' },
        },
      },
    });
    expect(text).toContain('verdict: INVALID  (decided by exclusion, lost-updates)');
    expect(text).toContain('double holder: process 3 (token 4) held the lock from 1000 to 3500 ms while process 4 (tokens 5, 6) also held it; nemesis ops #7, #9');
    expect(text.match(/double holder:/g)).toHaveLength(1);
    expect(text).toContain('lost updates: element 3 (process 3, token 4, overwritten by process 4 (token 7))');
    expect(text).toContain('stats          true     10 ops (not deciding)');
  });

  it('says when the history was cut short', () => {
    const text = formatSummary({ folder: runFolderAt('/runs/x'), results: { valid: 'unknown', summary: 'lost-updates: no final read', ops: 3, complete: false,
      checkers: { 'lost-updates': { valid: 'unknown', summary: 'no final read' } } } });
    expect(text.startsWith('verdict: UNKNOWN  (decided by lost-updates)')).toBe(true);
    expect(text).toContain('the history was cut short');
  });

  it('prints no token for a lock that has none, and says why once', () => {
    const tokenless = (process: number, startMs: number, endMs: number) => ({ process, token: null, acquireIndex: process, startMs, endMs, endKnown: true });
    const text = formatSummary({
      folder: runFolderAt('/runs/x'),
      test: { recipe: 'redlock', token: null, recipeDescription: 'a random value cannot be a fencing token' },
      results: { valid: false, summary: 'exclusion: …', ops: 10, complete: true, checkers: {
        exclusion: { valid: false, summary: '1 double holder', incidents: [{ holders: [tokenless(1, 0, 900), tokenless(2, 500, 600)], nemesis: [] }] },
        'lost-updates': { valid: false, summary: '1 lost', lost: [{ element: 3, process: 1, token: null, overwrittenBy: { process: 2, token: null } }] },
      } },
    });
    expect(text).toContain('double holder: process 1 held the lock from 0 to 900 ms while process 2 also held it');
    expect(text).toContain('lost updates: element 3 (process 1, overwritten by process 2)');
    expect(text).toContain('no fencing token (recipe redlock): a random value cannot be a fencing token');
    expect(text).not.toMatch(/token null/);
  });

  it('tells how long the lock was unavailable around each fault, from the stats checker', () => {
    const kill = { fault: 'kill', targets: ['n2'] };
    const h = new HistoryBuilder()
      .acquire(0, 10, 1, 1).invoke(100, 2, 'acquire', { lock: 'L' }).release(200, 201, 1, 1).nemesis(300, 'start', kill)
      .nemesis(2300, 'stop', kill).ok(2700, 2, 'acquire', { lock: 'L', token: 2 }).release(2800, 2801, 2, 2)
      .nemesis(9000, 'start', kill).nemesis(9500, 'stop', kill);
    const stats = checkStats({ history: h.ops });
    const text = formatSummary({ folder: runFolderAt('/runs/x'), results: { valid: true, summary: 'ok', ops: 10, complete: true, checkers: { stats } } });
    expect(text).toContain('around kill n2 at 0.30 s: unavailable 2.50 s (0.20 s to 2.70 s, ended by grant), first grant after 2.40 s');
    expect(text).toContain('around kill n2 at 9.00 s: never unavailable, first grant never');
    expect(text).toContain('unavailable around 2 faults: median 0.00 s, max 2.50 s, first grant after median 2.40 s');
  });
});
