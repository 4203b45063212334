import { describe, expect, it } from 'vitest';
import type { Backend } from '../backends/backend.js';
import { redisBackend } from '../backends/redis/backend.js';
import { faultsFor } from './faults-for.js';

// A backend whose nodes ignore the clock library (as a Go server would).
const noClock: Backend = { ...redisBackend, name: 'goish', faultNotApplicable: (kind) => (kind.startsWith('clock') ? 'a Go binary ignores LD_PRELOAD' : null) };

describe('faults for a backend', () => {
  it('refuses a fault on the nodes that the backend cannot undergo, naming why', () => {
    expect(() => faultsFor(noClock, 'pause-leader,clock-bump-leader')).toThrow('clock-bump-leader cannot run on backend goish: a Go binary ignores LD_PRELOAD');
  });

  it('lets the same kind hit clients, which every backend shares', () => {
    expect(faultsFor(noClock, 'clock-bump-holder,pause-node').map((f) => f.name)).toEqual(['clock-bump-holder', 'pause-node']);
  });

  it('refuses an unknown fault in one line', () => {
    expect(() => faultsFor(redisBackend, 'meteor-node')).toThrow(/unknown nemesis "meteor-node"/);
  });
});
