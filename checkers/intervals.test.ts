import { describe, expect, it } from 'vitest';
import { covers, intersectionLength, mergeIntervals, subtractIntervals, totalLength } from './intervals.js';

describe('intervals', () => {
  it('merges, measures, intersects and looks up half-open intervals', () => {
    const a = mergeIntervals([{ start: 5, end: 8 }, { start: 0, end: 2 }, { start: 2, end: 3 }, { start: 7, end: 10 }, { start: 4, end: 4 }]);
    expect(a).toEqual([{ start: 0, end: 3 }, { start: 5, end: 10 }]);
    expect(totalLength(a)).toBe(8);
    expect(intersectionLength(a, [{ start: 1, end: 6 }, { start: 9, end: 20 }])).toBe(4);
    expect([covers(a, 0), covers(a, 3), covers(a, 4), covers(a, 9.5), covers(a, 10)]).toEqual([true, false, false, true, false]);
  });

  it('subtracts one merged list from another', () => {
    const a = [{ start: 0, end: 10 }, { start: 20, end: 30 }];
    expect(subtractIntervals(a, [{ start: 2, end: 4 }, { start: 8, end: 22 }, { start: 25, end: 26 }])).toEqual([
      { start: 0, end: 2 }, { start: 4, end: 8 }, { start: 22, end: 25 }, { start: 26, end: 30 }]);
    expect(subtractIntervals(a, [])).toEqual(a);
    expect(subtractIntervals(a, [{ start: -5, end: 40 }])).toEqual([]);
  });
});
