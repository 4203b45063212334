import { describe, expect, it } from 'vitest';
import { findBackend } from '../backends/registry.js';
import { faultsFor } from '../harness/faults-for.js';
import { terminateSql } from './terminate-holder-fault.js';

describe('terminate-holder SQL', () => {
  it('terminates only advisory-lock holders connected from the holder address, filtered before the call', () => {
    const sql = terminateSql('172.18.0.5');
    expect(sql).toContain("a.client_addr = '172.18.0.5'");
    expect(sql).toContain("l.locktype = 'advisory' AND l.granted");
    expect(sql.indexOf('MATERIALIZED')).toBeLessThan(sql.indexOf('pg_terminate_backend'));
  });

  it('refuses anything that is not an address', () => {
    expect(() => terminateSql("1.2.3.4' OR true --")).toThrow(/not an IP address/);
  });

  it('runs on postgres only: another backend refuses it before anything starts', () => {
    expect(faultsFor(findBackend('postgres'), 'terminate-holder').map((f) => f.name)).toEqual(['terminate-holder']);
    expect(() => faultsFor(findBackend('redis'), 'terminate-holder')).toThrow(/terminate-holder cannot run on backend redis: it acts on postgres only/);
  });
});
