import { describe, expect, it } from 'vitest';
import { HistoryBuilder } from './history-builder.js';
import { faultWindows, nemesisAround } from './nemesis-windows.js';

describe('faultWindows', () => {
  it('closes each start with the stop of the same fault and targets; an unstopped fault lasts to the end', () => {
    // pause c1 [10────────40)   pause c2 [20──30)   partition [50────────── end 100
    const h = new HistoryBuilder()
      .nemesis(10, 'start', { fault: 'pause', targets: ['c1'] }).nemesis(20, 'start', { fault: 'pause', targets: ['c2'] })
      .nemesis(30, 'stop', { fault: 'pause', targets: ['c2'] }).nemesis(40, 'stop', { fault: 'pause', targets: ['c1'] })
      .nemesis(50, 'start', { fault: 'partition', targets: [] });
    const windows = faultWindows(h.ops, 100e6);
    expect(windows.map((w) => [w.fault, w.targets, w.start / 1e6, w.end / 1e6, w.startIndex, w.stopIndex])).toEqual([
      ['pause', ['c1'], 10, 40, 0, 3], ['pause', ['c2'], 20, 30, 1, 2], ['partition', [], 50, 100, 4, null]]);
    // An overlap over [45, 47) with a 10 ms look-back: the c1 pause (ended 40) and its stop, not the c2 one.
    expect(nemesisAround({ nemesis: h.ops, windows, start: 45e6, end: 47e6, lookbackNs: 10e6 })).toEqual([0, 3]);
  });
});
