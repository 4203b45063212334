import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkLinearizable } from '../../checkers/linearizable/check-linearizable.js';
import { checkForeignFile } from './check-foreign.js';
import { ETCD_COUNT, ETCD_EMPTY, ETCD_LINEARIZABLE, etcdFile, KV_FILES, kvFile } from './corpus.js';
import { parseJepsenLog } from './jepsen-log.js';
import { parsePorcupineKv } from './porcupine-kv.js';

describe('Porcupine corpus: Jepsen etcd logs as a cas-register (nil initial)', () => {
  for (let n = 0; n < ETCD_COUNT; n++) {
    if (n === ETCD_EMPTY) continue;
    const expected = ETCD_LINEARIZABLE.has(n);
    it(`etcd_${String(n).padStart(3, '0')} is ${expected ? '' : 'not '}linearizable`, () => {
      const ops = parseJepsenLog(readFileSync(etcdFile(n), 'utf8'));
      const result = checkLinearizable(ops, { model: 'cas-register' });
      expect(result.valid).toBe(expected);
      if (!expected) expect(result.counterexample?.blocked).not.toBeNull();
    });
  }

  it('etcd_095 is empty: trivially linearizable, with a note', async () => {
    const result = await checkForeignFile(etcdFile(ETCD_EMPTY), { format: 'jepsen-log' });
    expect(result.valid).toBe(true);
    expect(result.summary).toMatch(/no operation/);
  });

  it('counts 23 linearizable and 79 not', () => {
    let yes = 0;
    let no = 0;
    for (let n = 0; n < ETCD_COUNT; n++) {
      if (n === ETCD_EMPTY) continue;
      const v = checkLinearizable(parseJepsenLog(readFileSync(etcdFile(n), 'utf8')), { model: 'cas-register' }).valid;
      if (v === true) yes++;
      if (v === false) no++;
    }
    expect([yes, no]).toEqual([23, 79]);
  });
});

describe('Porcupine corpus: kv histories', () => {
  for (const name of KV_FILES) {
    const expected = name.endsWith('-ok');
    it(`${name} per key is ${expected ? '' : 'not '}linearizable`, async () => {
      const result = await checkForeignFile(kvFile(name), {});
      expect(result.format).toBe('porcupine-kv');
      expect(result.model).toBe('kv');
      expect(result.partitions).toBeGreaterThan(1);
      expect(result.valid).toBe(expected);
    });
  }
  for (const name of ['c01-ok', 'c01-bad', 'c10-ok', 'c10-bad']) {
    const expected = name.endsWith('-ok');
    it(`${name} as one whole map is ${expected ? '' : 'not '}linearizable`, () => {
      const ops = parsePorcupineKv(readFileSync(kvFile(name), 'utf8'));
      const result = checkLinearizable(ops, { model: 'kv', perKey: false });
      expect(result.partitions).toBe(1);
      expect(result.valid).toBe(expected);
    });
  }
});
