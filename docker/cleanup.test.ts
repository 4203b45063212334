import os from 'node:os';
import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { removeAll, reapOrphans, stuckWarning } from './cleanup.js';
import { LABEL_HOST, LABEL_PID, LABEL_RUN } from './labels.js';

/** An engine that lists one labelled network and refuses to remove it, as dockerd does after
 * "has active endpoints" goes stale; it records every call so the test sees what was tried. */
function stubbornEngine(opts: { refuse: boolean }): { docker: Docker; calls: string[] } {
  const calls: string[] = [];
  const labels = { [LABEL_RUN]: 'r1', [LABEL_HOST]: os.hostname(), [LABEL_PID]: '999999999' };
  const network = {
    async remove() {
      calls.push('remove');
      if (opts.refuse) throw Object.assign(new Error('error while removing network: network fc-r1 id abc has active endpoints'), { statusCode: 403 });
    },
    async inspect() { return { Containers: { deadbeef: {} } }; },
    async disconnect(o: { Container: string; Force: boolean }) { calls.push(`disconnect ${o.Container} ${o.Force}`); },
  };
  const docker = {
    async listContainers() { return []; },
    async listNetworks() { return [{ Id: 'abc', Name: 'fc-r1', Labels: labels }]; },
    getNetwork: () => network,
  } as unknown as Docker;
  return { docker, calls };
}

describe('cleanup of a network the engine refuses to remove', () => {
  it('force-disconnects its endpoints, then reports it as stuck instead of failing', async () => {
    const { docker, calls } = stubbornEngine({ refuse: true });
    const removed = await removeAll(docker);
    expect(removed.networks).toBe(0);
    expect(removed.stuck).toEqual([{ name: 'fc-r1', reason: expect.stringMatching(/active endpoints/) }]);
    expect(calls).toContain('disconnect deadbeef true');
    expect(stuckWarning(removed.stuck)).toMatch(/fc-r1.*restart/);
  });

  it('never blocks the reaper that runs at every test start', async () => {
    const { docker } = stubbornEngine({ refuse: true });
    await expect(reapOrphans(docker)).resolves.toMatchObject({ networks: 0, stuck: [{ name: 'fc-r1' }] });
  });

  it('removes a network that goes on the first try and warns about nothing', async () => {
    const { docker, calls } = stubbornEngine({ refuse: false });
    const removed = await removeAll(docker);
    expect(removed).toMatchObject({ networks: 1, stuck: [] });
    expect(calls).toEqual(['remove']);
    expect(stuckWarning(removed.stuck)).toBeNull();
  });
});
