import { describe, expect, it } from 'vitest';
import { advisoryKey, lockTimeout } from './lock-sql.js';
import { isLockTimeout, sessionEnded } from './pg-session.js';

describe('advisory-lock SQL', () => {
  it('a lock name has one signed 64-bit key, the same in every client', () => {
    const key = advisoryKey('L');
    expect(key).toBe(advisoryKey('L'));
    expect(key).not.toBe(advisoryKey('M'));
    expect(key).toMatch(/^-?\d+$/);
    const value = BigInt(key);
    expect(value >= -(2n ** 63n) && value < 2n ** 63n).toBe(true);
  });

  it('lock_timeout is never 0, which the server reads as "wait forever"', () => {
    expect(lockTimeout(0)).toBe(1);
    expect(lockTimeout(1500.4)).toBe(1500);
  });
});

describe('what an error says about the session', () => {
  const sqlError = (code: string): Error => Object.assign(new Error('server error'), { code });

  it('lock_timeout is a certain "not granted"; nothing else is', () => {
    expect(isLockTimeout(sqlError('55P03'))).toBe(true);
    expect(isLockTimeout(sqlError('57P01'))).toBe(false);
    expect(isLockTimeout(new Error('no answer within 3000 ms'))).toBe(false);
  });

  it('the server ended the session: terminated, shut down, idle timeouts, or it closed the connection', () => {
    for (const code of ['57P01', '57P02', '25P03', '57P05']) expect(sessionEnded(sqlError(code))).toBe(true);
    expect(sessionEnded(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(sessionEnded(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toBe(true);
  });

  it('a timeout or another failure says nothing about the session', () => {
    expect(sessionEnded(new Error('no answer from 10.0.0.2:5432 within 3000 ms'))).toBe(false);
    expect(sessionEnded(sqlError('40001'))).toBe(false);
    expect(sessionEnded(Object.assign(new Error('connect ETIMEDOUT'), { code: 'ETIMEDOUT' }))).toBe(false);
  });
});
