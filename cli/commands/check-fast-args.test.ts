import { describe, expect, it } from 'vitest';
import { parseWithYargs } from '../yargs-cli.js';
import { checkBuilder } from './check-command.js';
import { fastCheckArgs } from './check-fast-args.js';
import { CHECK_OPTIONS, type CheckArgs } from './check-options.js';

/** What yargs hands the check command for `check ARGV`, cut to the fields the command reads. */
async function yargsCheckArgs(argv: string[]): Promise<CheckArgs> {
  let got: Record<string, unknown> | undefined;
  const module = { builder: checkBuilder, run: (a: unknown) => { got = a as Record<string, unknown>; return 0; } };
  await parseWithYargs(['check', ...argv], { name: 'check', module });
  if (got === undefined) throw new Error(`yargs ran no check for ${argv.join(' ')}`);
  const fields = ['path', ...Object.keys(CHECK_OPTIONS)].filter((k) => got![k] !== undefined);
  return Object.fromEntries(fields.map((k) => [k, got![k]])) as CheckArgs;
}

/** A value each kind of flag takes, written as a user would. */
const SAMPLE = { string: 'cas-register', number: '2.5', boolean: undefined } as const;

const EVERY_FLAG: string[][] = Object.entries(CHECK_OPTIONS).flatMap(([name, o]) => {
  const value = SAMPLE[o.type];
  return value === undefined ? [['h.log', `--${name}`], [`--${name}`, 'h.log']] : [['h.log', `--${name}`, value], ['h.log', `--${name}=${value}`]];
});

const ACCEPTED: string[][] = [
  ['etcd_002.log'],
  ['123'],
  [''],
  ['a b.log', '--model', 'cas-register', '--format', 'jepsen-log', '--json'],
  ['h.log', '--initial', '{"a":[1,2]}', '--per-key', '--time-limit', '60', '--memory-limit', '512', '--output', 'out.json'],
  ['--output', 'x', 'results/latest', '--time-limit', '0.5'],
  ['h.log', '--model='],
  ['h.log', '--initial', '007'],
  ['h.log', '--output', '5'],
  ['h.log', '--initial=-1'],
];

/** What the fast path leaves to yargs (each is read by yargs to something, or refused by it). */
const LEFT_TO_YARGS: string[][] = [
  [], ['--help'], ['h.log', '--help'], ['h.log', '--version'], ['h.log', '--bogus'], ['h.log', '-j'],
  ['h.log', '--no-per-key'], ['h.log', '--no-json'], ['h.log', '--perKey'], ['h.log', '--timeLimit', '5'],
  ['h.log', '--time-limit', 'abc'], ['h.log', '--time-limit', '1e3'], ['h.log', '--time-limit', '0x10'],
  ['h.log', '--time-limit', ' 5'], ['h.log', '--time-limit', ''], ['h.log', '--time-limit', '-1'], ['h.log', '--initial', '-1'],
  ['h.log', '--json', 'false'], ['h.log', '--json=false'], ['h.log', '--model', 'a', '--model', 'b'], ['h.log', '--json', '--json'],
  ['a.log', 'b.log'], ['--', 'h.log'], ['-'], ['-h.log'], ['h.log', '--model'], ['h.log', '--model.x', 'y'],
];

describe('check flags: the fast path reads what yargs reads', () => {
  for (const argv of [...EVERY_FLAG, ...ACCEPTED]) {
    it(`check ${argv.map((a) => JSON.stringify(a)).join(' ')}`, async () => {
      const fast = fastCheckArgs(argv);
      expect(fast).toBeDefined();
      expect(fast).toStrictEqual(await yargsCheckArgs(argv));
    });
  }

  it('covers every flag of the table, with a value and in = form', () => {
    for (const name of Object.keys(CHECK_OPTIONS)) expect(EVERY_FLAG.some((a) => a.some((w) => w.startsWith(`--${name}`)))).toBe(true);
  });

  it('leaves to yargs everything unusual: help, unknown or negated flags, odd numbers, repeats, a missing or extra path', () => {
    for (const argv of LEFT_TO_YARGS) expect(fastCheckArgs(argv), argv.join(' ')).toBeUndefined();
  });
});
