import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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

  it('asks for a command when given none, exit 254, pointing to --help once', async () => {
    const r = await run([]);
    expect(r.code).toBe(254);
    expect(r.err).toMatch(/name a command/);
    expect(r.err.match(/--help/g)).toHaveLength(1);
  });
});

// The CLI as users run it: bin/fencecheck.js on the compiled dist/ (npm run build first).
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ETCD_002 = 'test/data/porcupine/jepsen/etcd_002.log';

/** A module hook that says on stderr when anything of yargs is resolved, loaded with --import. */
const HOOK = `import { writeSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (r.url.includes('/node_modules/yargs/')) writeSync(2, 'hook: yargs resolved\\n');
  return r;
}`;
const REGISTER = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOK)}`)});`;

function cli(args: string[], opts: { watchYargs?: boolean } = {}): { code: number | null; out: string; err: string } {
  const hook = opts.watchYargs ? ['--import', `data:text/javascript,${encodeURIComponent(REGISTER)}`] : [];
  const r = spawnSync(process.execPath, [...hook, 'bin/fencecheck.js', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('fencecheck as a process', () => {
  it('checks etcd_002 without loading yargs; a flag it leaves to yargs gives the same verdict with yargs', () => {
    const fast = cli(['check', ETCD_002, '--model', 'cas-register'], { watchYargs: true });
    expect(fast.err).toBe('');
    expect(fast.out).toBe(`${ETCD_002}: true: linearizable as a cas-register: 77 ops in 1 part\n`);
    expect(fast.code).toBe(0);
    expect(fast.err).toBe('');
    const viaYargs = cli(['check', ETCD_002, '--modelx', 'x'], { watchYargs: true });
    expect(viaYargs.err).toMatch(/hook: yargs resolved/);
    expect(viaYargs.err).toMatch(/Unknown argument: modelx \(see fencecheck --help\)/);
    expect(viaYargs.code).toBe(254);
    const camel = cli(['check', ETCD_002, '--perKey'], { watchYargs: true });
    expect(camel.err).toMatch(/hook: yargs resolved/);
    expect(camel.out).toBe(fast.out);
    expect(camel.code).toBe(0);
  });

  it('--version prints the version of package.json', () => {
    const version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    const r = cli(['--version']);
    expect(r.out).toBe(`${version}\n`);
    expect(r.code).toBe(0);
  });
});
