import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { labelled, runCli, tempResults } from './cli-process.js';

const SUITE = {
  name: 'two-shard',
  defaults: { backend: 'redis', clients: 5 },
  entries: [
    { name: 'paused-unfenced', nemesis: 'pause-holder', fencing: 'none', ttl: 1000, 'time-limit': 15, seeds: [1], expect: 'invalid' },
    { name: 'no-fault', nemesis: 'none', fencing: 'none', ttl: 10000, 'time-limit': 8, seeds: [1], expect: 'valid' },
  ],
};

interface Case { name: string; failure: string | null; props: Record<string, string> }

function cases(xml: string): Case[] {
  return [...xml.matchAll(/<testcase [^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/testcase>/g)].map((m) => ({
    name: m[1] as string,
    failure: /<(?:failure|error) type="([^"]+)"/.exec(m[2] as string)?.[1] ?? null,
    props: Object.fromEntries([...(m[2] as string).matchAll(/<property name="([^"]+)" value="([^"]*)"\/>/g)].map((p) => [p[1], p[2]])),
  }));
}

describe('fencecheck suite over two shards', () => {
  it('two JUnit files whose cases add up to the matrix, each passing exactly when its verdict met the expectation', async () => {
    const dir = tempResults();
    const file = path.join(dir, 'suite.json');
    fs.writeFileSync(file, JSON.stringify(SUITE));
    const all: Case[] = [];
    for (const shard of [1, 2]) {
      const results = path.join(dir, `shard-${shard}`);
      const junit = path.join(dir, `junit-${shard}.xml`);
      const run = await runCli(['suite', file, '--shard', `${shard}/2`, '--junit', junit, '--results', results]);
      const shardCases = cases(fs.readFileSync(junit, 'utf8'));
      expect(shardCases).toHaveLength(1);
      const [c] = shardCases as [Case];
      // The verdict in the JUnit file is the one in the run's own results.json.
      const verdict = JSON.parse(fs.readFileSync(path.join(c.props.folder as string, 'results.json'), 'utf8')).valid;
      const runId = JSON.parse(fs.readFileSync(path.join(c.props.folder as string, 'test.json'), 'utf8')).runId as string;
      expect(await labelled(runId)).toEqual({ containers: 0, networks: 0 });
      expect(c.props.verdict).toBe(verdict === true ? 'valid' : verdict === false ? 'invalid' : 'unknown');
      expect(c.failure === null).toBe(c.props.verdict === c.props.expect);
      expect(run.exitCode).toBe(c.failure === null ? 0 : 1);
      const index = fs.readFileSync(path.join(results, `index-${shard}-of-2.html`), 'utf8');
      const link = /<a href="([^"]+)">report<\/a>/.exec(index)?.[1];
      expect(link && fs.existsSync(path.join(results, link))).toBe(true);
      expect(run.stderr).toMatch(new RegExp(`\\[1/1\\] ${c.name}: expect ${c.props.expect}`));
      all.push(c);
    }
    expect(all.map((c) => c.name).sort()).toEqual(['no-fault-seed1', 'paused-unfenced-seed1']);
    // A holder paused past its TTL without fencing is caught; a fault-free run raises no alarm.
    expect(all.find((c) => c.name === 'paused-unfenced-seed1')).toMatchObject({ failure: null, props: { expect: 'invalid', verdict: 'invalid' } });
    expect(all.find((c) => c.name === 'no-fault-seed1')).toMatchObject({ failure: null, props: { expect: 'valid', verdict: 'valid' } });
  });
});
