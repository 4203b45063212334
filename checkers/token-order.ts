import type { Belief } from './belief.js';
import { pairField } from './lock-values.js';
import { orderedTokenValue } from './token.js';

/** A grant of a lock with a token: an acquire that completed ok. `token` is its canonical text
 * (JSON has no big integers); `order` says whether it can be ordered: numeric, opaque (equality
 * only), or imprecise (a JSON number past 2^53: neither). */
export interface Grant { lock: string; process: number; token: string; order: TokenOrder; invokeIndex: number; okIndex: number; invokeTime: number; okTime: number }

export type TokenOrder = 'numeric' | 'opaque' | 'imprecise';

const ORDERS: readonly TokenOrder[] = ['numeric', 'opaque', 'imprecise'];
const NUMERIC = 0;
const OPAQUE = 1;
const IMPRECISE = 2;

/**
 * The grants of a history: the acquire that starts each belief (checkers/belief.ts). An acquire
 * answered ok while its process already believes it holds that lock (a re-entrant grant) is part
 * of the same grant and is not counted again: a re-entrant lock may well answer the same token.
 *
 * Held in columns, with a Grant object made only for the few a result lists: an hour-long run has
 * a quarter million grants, and as objects with their token texts they were some 40 MB made and
 * dropped by every check.
 */
export class Grants {
  readonly length: number;
  /** Grants without a token. */
  readonly tokenless: number;
  private readonly beliefs: Belief[] = [];
  private readonly order: Uint8Array;
  /** Numeric: the value (a number while exact, else a BigInt); opaque: the string; imprecise: the number. */
  private readonly value: (number | bigint | string)[] = [];
  private readonly invokeTime: Float64Array;
  private readonly okTime: Float64Array;

  constructor(all: readonly Belief[]) {
    let tokenless = 0;
    const order = new Uint8Array(all.length);
    const invokeTime = new Float64Array(all.length);
    const okTime = new Float64Array(all.length);
    let n = 0;
    for (let i = 0; i < all.length; i++) {
      const b = all[i] as Belief;
      const ok = b.acquire.completionTime;
      if (ok === null) continue;
      const raw = pairField(b.acquire, 'token');
      if (raw === null || raw === undefined) {
        tokenless++;
        continue;
      }
      const value = orderedTokenValue(raw);
      this.beliefs.push(b);
      this.value.push(value ?? (raw as string | number));
      order[n] = value !== null ? NUMERIC : typeof raw === 'string' ? OPAQUE : IMPRECISE;
      invokeTime[n] = b.acquire.invokeTime;
      okTime[n++] = ok;
    }
    this.length = n;
    this.tokenless = tokenless;
    this.order = order.subarray(0, n);
    this.invokeTime = invokeTime.subarray(0, n);
    this.okTime = okTime.subarray(0, n);
  }

  /** Grant `i` as results list it. */
  grant(i: number): Grant {
    const b = this.beliefs[i] as Belief;
    const order = this.order[i] as number;
    const value = this.value[i] as number | bigint | string;
    // An imprecise token is a number past 2^53: its digits as BigInt gives them ("1e+21" is no token).
    const token = order === IMPRECISE ? BigInt(value as number).toString() : String(value);
    return { lock: b.lock, process: b.process, token, order: ORDERS[order] as TokenOrder, invokeIndex: b.acquire.invokeIndex,
      okIndex: b.acquire.completionIndex as number, invokeTime: this.invokeTime[i] as number, okTime: this.okTime[i] as number };
  }

  /** Grants whose token order cannot be checked: opaque tokens, and JSON numbers past 2^53. */
  unordered(): { opaque: number; imprecise: number } {
    let opaque = 0;
    let imprecise = 0;
    for (const o of this.order) {
      if (o === OPAQUE) opaque++;
      else if (o === IMPRECISE) imprecise++;
    }
    return { opaque, imprecise };
  }

  /**
   * Grants of one lock whose order is certain in real time (A's ok before B's invocation) must have
   * strictly increasing tokens. Concurrent acquires may be granted in either order, so they are not
   * compared; nor are tokens whose order cannot be proven (opaque, or JSON numbers past 2^53).
   * Each later grant is reported once, against the highest-token grant certainly before it.
   * A sweep in invocation order: O(n log n).
   */
  regressions(): TokenRegression[] {
    const found: TokenRegression[] = [];
    const { okTime, invokeTime } = this;
    const value = this.value as (number | bigint)[];
    for (const [lock, own] of this.byLock((o) => o === NUMERIC)) {
      const byOk = own.slice().sort((a, b) => (okTime[a] as number) - (okTime[b] as number));
      const byInvoke = own.sort((a, b) => (invokeTime[a] as number) - (invokeTime[b] as number));
      let best = -1;
      let next = 0;
      for (const later of byInvoke) {
        for (; next < byOk.length && (okTime[byOk[next] as number] as number) < (invokeTime[later] as number); next++) {
          const g = byOk[next] as number;
          if (best < 0 || (value[g] as number | bigint) > (value[best] as number | bigint)) best = g;
        }
        // Equal tokens are reported as duplicates; here only a strictly lower one.
        if (best >= 0 && (value[later] as number | bigint) < (value[best] as number | bigint)) found.push({ lock, earlier: this.grant(best), later: this.grant(later) });
      }
    }
    return found.sort((a, b) => a.later.okIndex - b.later.okIndex);
  }

  /** Tokens handed out by more than one grant of the same lock, in any order; grants by ok. Numeric
   * tokens are the same when their values are ("041" and 41); a JSON number past 2^53 proves no
   * duplicate, since two different tokens may have been rounded to it. Found by sorting the
   * grants by token, not with a map of a quarter million tokens. */
  duplicates(): DuplicateToken[] {
    const found: DuplicateToken[] = [];
    const { order, value } = this;
    // Numeric before opaque (an opaque token is never a canonical decimal: the kinds cannot meet).
    const compare = (a: number, b: number): number => {
      const [x, y] = [value[a] as number | bigint | string, value[b] as number | bigint | string];
      return (order[a] as number) - (order[b] as number) || (x < y ? -1 : x > y ? 1 : 0);
    };
    for (const [lock, own] of this.byLock((o) => o !== IMPRECISE)) {
      own.sort(compare);
      for (let i = 0; i < own.length;) {
        let j = i + 1;
        while (j < own.length && compare(own[i] as number, own[j] as number) === 0) j++;
        if (j - i > 1) {
          const grants = own.slice(i, j).map((g) => this.grant(g)).sort((a, b) => a.okIndex - b.okIndex);
          found.push({ lock, token: (grants[0] as Grant).token, grants });
        }
        i = j;
      }
    }
    return found.sort((a, b) => (a.grants[1] as Grant).okIndex - (b.grants[1] as Grant).okIndex);
  }

  /** The grants of each lock whose order passes `keep`, as positions. */
  private byLock(keep: (order: number) => boolean): Map<string, number[]> {
    const byLock = new Map<string, number[]>();
    for (let i = 0; i < this.length; i++) {
      if (!keep(this.order[i] as number)) continue;
      const lock = (this.beliefs[i] as Belief).lock;
      const own = byLock.get(lock);
      if (own) own.push(i);
      else byLock.set(lock, [i]);
    }
    return byLock;
  }
}

/** A grant whose token is lower than that of a grant that certainly came before it. */
export interface TokenRegression { lock: string; earlier: Grant; later: Grant }

/** Grants that share a token (its canonical text). */
export interface DuplicateToken { lock: string; token: string; grants: Grant[] }
