import { describe, expect, it } from 'vitest';
import { FencedRegister } from './fenced-register.js';

const read = (process: number, token: number | null) => ({ op: 'read' as const, process, token: token === null ? null : String(token) });
const write = (process: number, token: number | null, value: number[]) => ({ op: 'write' as const, process, token: token === null ? null : String(token), value, element: value.at(-1) ?? -1 });

describe('FencedRegister', () => {
  it('none: accepts a stale write, which is how an update gets lost', () => {
    const r = new FencedRegister('none');
    expect(r.handle(read(1, 1)).value).toEqual([]);
    expect(r.handle(write(2, 2, [20])).decision).toBe('accepted');
    expect(r.handle(write(1, 1, [10])).decision).toBe('accepted');
    expect(r.current()).toEqual([10]);
  });

  it('write: refuses a write below the highest written token, but not a stale read', () => {
    const r = new FencedRegister('write');
    expect(r.handle(write(2, 2, [20])).decision).toBe('accepted');
    const stale = r.handle(write(1, 1, [10]));
    expect(stale).toMatchObject({ decision: 'rejected', highest: '2', reason: 'stale token 1 < 2' });
    expect(r.handle(read(1, 1))).toMatchObject({ decision: 'accepted', value: [20] });
    expect(r.current()).toEqual([20]);
  });

  it('write: two holders that both read before either writes still lose an update', () => {
    const r = new FencedRegister('write');
    r.handle(read(1, 1));
    r.handle(read(2, 2));
    expect(r.handle(write(1, 1, [10])).decision).toBe('accepted');
    expect(r.handle(write(2, 2, [20])).decision).toBe('accepted');
    expect(r.current()).toEqual([20]);
  });

  it('full: a read raises the bar, so the stale holder can neither read nor write', () => {
    const r = new FencedRegister('full');
    r.handle(read(1, 1));
    r.handle(read(2, 2));
    expect(r.handle(write(1, 1, [10]))).toMatchObject({ decision: 'rejected', highest: '2' });
    expect(r.handle(read(1, 1)).decision).toBe('rejected');
    expect(r.handle(write(2, 2, [20])).decision).toBe('accepted');
    expect(r.handle(write(2, 2, [20, 21])).decision).toBe('accepted');
    expect(r.current()).toEqual([20, 21]);
  });

  it('accepts requests without a token: a recipe without tokens cannot be fenced', () => {
    const r = new FencedRegister('full');
    r.handle(write(2, 5, [20]));
    expect(r.handle(write(1, null, [10])).decision).toBe('accepted');
  });
});

describe('FencedRegister tokens', () => {
  it('orders 64-bit tokens exactly, as big integers rather than floats or text', () => {
    const r = new FencedRegister('full');
    const at = (token: string) => ({ op: 'read' as const, process: 1, token });
    expect(r.handle(at('9007199254740993')).decision).toBe('accepted');
    // 2^53 + 1 and 2^53 are one float; as big integers the second is stale.
    expect(r.handle(at('9007199254740992'))).toMatchObject({ decision: 'rejected', highest: '9007199254740993' });
    // Text order would put "10" before "9".
    const small = new FencedRegister('full');
    small.handle(at('10'));
    expect(small.handle(at('9')).decision).toBe('rejected');
  });

  it('accepts a token that is not a number, saying it could not be ordered', () => {
    const r = new FencedRegister('full');
    r.handle({ op: 'write', process: 1, token: '5', value: [1], element: 1 });
    const opaque = r.handle({ op: 'write', process: 2, token: 'abc', value: [1, 2], element: 2 });
    expect(opaque).toMatchObject({ decision: 'accepted', highest: '5' });
    expect(opaque.reason).toMatch(/cannot be ordered/);
    expect(r.current()).toEqual([1, 2]);
  });
});
