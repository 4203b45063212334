import { describe, expect, it } from 'vitest';
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
});
