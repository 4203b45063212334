import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../test/helpers/run-cli-in-process.js';

const run = runCliInProcess;

function expectOneLine(text: string): void {
  expect(text.trim().split('\n')).toHaveLength(1);
  expect(text).not.toMatch(/\n\s+at /);
}

describe('fencecheck CLI on bad input', () => {
  const savedHost = process.env.DOCKER_HOST;
  afterEach(() => {
    if (savedHost === undefined) delete process.env.DOCKER_HOST;
    else process.env.DOCKER_HOST = savedHost;
  });

  it('names an unknown backend and the ones there are, exit 254', async () => {
    const r = await run(['test', '--backend', 'mongodb']);
    expect(r.code).toBe(254);
    expect(r.err).toMatch(/unknown backend "mongodb": choose from .*redis/);
    expectOneLine(r.err);
  });

  it('names an unknown nemesis, exit 254', async () => {
    const r = await run(['test', '--nemesis', 'pause-holder,meteor']);
    expect(r.code).toBe(254);
    expect(r.err).toMatch(/unknown nemesis "meteor"/);
    expectOneLine(r.err);
  });

  it('refuses a negative TTL before touching Docker, exit 254', async () => {
    process.env.DOCKER_HOST = 'tcp://127.0.0.1:1';
    const r = await run(['test', '--ttl', '-5']);
    expect(r.code).toBe(254);
    expect(r.err).toMatch(/--ttl must be a number >= 1 \(got -5\)/);
    expectOneLine(r.err);
  });

  it('refuses an unknown flag and a malformed --hold, exit 254', async () => {
    const flag = await run(['test', '--tll', '1000']);
    expect(flag.code).toBe(254);
    expect(flag.err).toMatch(/Unknown argument/i);
    const hold = await run(['test', '--hold', 'long']);
    expect(hold.code).toBe(254);
    expect(hold.err).toMatch(/--hold must be MIN-MAX/);
  });

  it('says which history file is missing, exit 254', async () => {
    const r = await run(['check', '/nonexistent/history.jsonl']);
    expect(r.code).toBe(254);
    expect(r.err).toMatch(/no such file or folder: \/nonexistent\/history.jsonl/);
    expectOneLine(r.err);
  });

  it('names the malformed line of a history, exit 254', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-cli-'));
    fs.writeFileSync(path.join(dir, 'history.jsonl'), '{"index":0,"time":1,"type":"invoke","process":0,"f":"acquire","value":{"lock":"L"}}\nnot json\n');
    const r = await run(['check', dir]);
    expect(r.code).toBe(254);
    expect(r.err).toMatch(/history\.jsonl:2: not a JSON line/);
    expectOneLine(r.err);
    fs.rmSync(dir, { recursive: true });
  });

  it('says no engine answers at DOCKER_HOST and what to do, exit 255', async () => {
    process.env.DOCKER_HOST = 'tcp://127.0.0.1:1';
    const r = await run(['test', '--time-limit', '5']);
    expect(r.code).toBe(255);
    expect(r.err).toMatch(/127\.0\.0\.1:1/);
    expect(r.err).toMatch(/setup-docker\.sh|DOCKER_HOST/);
    expectOneLine(r.err);
  });

  it('asks for a command when given none, exit 254', async () => {
    const r = await run([]);
    expect(r.code).toBe(254);
    expect(r.err).toMatch(/name a command/);
  });
});
