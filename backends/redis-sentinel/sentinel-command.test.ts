import { describe, expect, it } from 'vitest';
import { majorityAnswer } from './sentinel-command.js';
import { isSentinel } from './topology.js';

describe('majorityAnswer', () => {
  it('names the primary a majority of the sentinels agree on', () => {
    expect(majorityAnswer(['10.0.0.2:6379', '10.0.0.2:6379', '10.0.0.3:6379'])).toBe('10.0.0.2:6379');
    expect(majorityAnswer(['10.0.0.2:6379', null, '10.0.0.2:6379'])).toBe('10.0.0.2:6379');
  });

  it('names none while they disagree or too few answer (mid fail-over, sentinels paused)', () => {
    expect(majorityAnswer(['10.0.0.2:6379', '10.0.0.3:6379', null])).toBeNull();
    expect(majorityAnswer(['10.0.0.2:6379', null, null])).toBeNull();
    expect(majorityAnswer([])).toBeNull();
  });
});

describe('isSentinel', () => {
  it('tells the sentinels from the data nodes by name', () => {
    expect(['s1', 's3', 'n1', 'n2', 'sx', 'client-1'].map(isSentinel)).toEqual([true, true, false, false, false, false]);
  });
});
