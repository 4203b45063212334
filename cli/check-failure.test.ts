import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../test/helpers/run-cli-in-process.js';
import { HistoryFileError } from '../results/json-lines.js';
import { InputError } from '../results/input-error.js';
import { checkFailure } from './check-failure.js';
import { UsageError } from './exit-codes.js';

describe('what check exits with when it cannot finish', () => {
  it('bad input is a usage error (254); a limit and a bug are not, and say which', () => {
    expect(checkFailure(new HistoryFileError('h.jsonl', 3, 'not a JSON line'))).toBeInstanceOf(UsageError);
    expect(checkFailure(new InputError('unknown model "x"'))).toBeInstanceOf(UsageError);
    expect(checkFailure(Object.assign(new Error('open h.jsonl'), { code: 'EACCES' }))).toBeInstanceOf(UsageError);

    const limit = checkFailure(Object.assign(new Error('Cannot create a string longer than 0x1fffffe8 characters'), { code: 'ERR_STRING_TOO_LONG' }));
    expect(limit).not.toBeInstanceOf(UsageError);
    expect(limit.message).toMatch(/^check ran out of a resource of this machine \(Cannot create a string longer/);
    expect(checkFailure(new RangeError('Invalid string length')).message).toMatch(/ran out of a resource/);

    const bug = checkFailure(new TypeError('Cannot read properties of undefined (reading \'f\')'));
    expect(bug).not.toBeInstanceOf(UsageError);
    expect(bug.message).toMatch(/^check crashed, a fencecheck bug \(Cannot read properties/);
  });

  it('a history larger than one string can be is a resource limit, exit 255, not bad input', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-limit-'));
    const file = path.join(dir, 'huge.log');
    try {
      // Sparse: 600 MB of zeros without touching the disk, past V8's largest string (0x1fffffe8 characters).
      fs.writeFileSync(file, '');
      fs.truncateSync(file, 600 * 1024 * 1024);
      const r = await runCliInProcess(['check', file, '--format', 'jepsen-log', '--model', 'cas-register']);
      expect(r.code).toBe(255);
      expect(r.err.split('\n')).toHaveLength(1);
      expect(r.err).toMatch(/^fencecheck: check ran out of a resource of this machine \((Invalid string length|.*string longer)/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
