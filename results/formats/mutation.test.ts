import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkLinearizable } from '../../checkers/linearizable/check-linearizable.js';
import type { LinOp } from '../../checkers/linearizable/lin-op.js';
import { ETCD_LINEARIZABLE, etcdFile, kvFile } from './corpus.js';
import { parseJepsenLog } from './jepsen-log.js';
import { parsePorcupineKv } from './porcupine-kv.js';

/**
 * Mutations of the corpus: a linearizable history with one completion's value changed to one no
 * operation could have produced must not be linearizable. Eight ok reads spread over every
 * linearizable etcd file are mutated in turn (to 999, a value nothing writes); kv gets get a
 * suffix no append has.
 */
describe('corpus mutations', () => {
  for (const n of ETCD_LINEARIZABLE) {
    it(`reads of etcd_${String(n).padStart(3, '0')} changed to an impossible value gives false`, () => {
      const ops = parseJepsenLog(readFileSync(etcdFile(n), 'utf8'));
      const all = ops.filter((op) => op.f === 'read' && op.status === 'ok' && op.output !== undefined);
      expect(all.length).toBeGreaterThan(8);
      const reads = Array.from({ length: 8 }, (_, i) => all[Math.floor((i * all.length) / 8)] as LinOp);
      for (const read of reads) {
        const mutated = ops.map((op) => (op === read ? { ...op, output: 999 } : op));
        const r = checkLinearizable(mutated, { model: 'cas-register' });
        if (r.valid !== false) throw new Error(`read #${read.id} (line ${read.line}) mutated: ${String(r.valid)}`);
      }
    });
  }

  for (const name of ['c01-ok', 'c10-ok', 'c50-ok']) {
    it(`gets of kv ${name} changed to an impossible value give false`, () => {
      const ops = parsePorcupineKv(readFileSync(kvFile(name), 'utf8'));
      const gets = ops.filter((op) => op.f === 'get' && typeof op.output === 'string').filter((_, i) => i % 7 === 0);
      expect(gets.length).toBeGreaterThan(1);
      for (const get of gets) {
        const mutated = ops.map((op) => (op === get ? { ...op, output: `${String(op.output)}x never appended y` } : op));
        expect(checkLinearizable(mutated, { model: 'kv' }).valid).toBe(false);
      }
    });
  }
});
