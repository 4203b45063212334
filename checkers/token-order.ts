import type { Belief } from './belief.js';
import type { Token } from './token.js';

/** A grant of a lock with a token: an acquire that completed ok. `token` is its canonical text
 * (JSON has no big integers); `order` says whether it can be ordered: numeric, opaque (equality
 * only), or imprecise (a JSON number past 2^53: neither). */
export interface Grant { lock: string; process: number; token: string; order: TokenOrder; invokeIndex: number; okIndex: number; invokeTime: number; okTime: number }

export type TokenOrder = 'numeric' | 'opaque' | 'imprecise';

function orderOf(token: Token): TokenOrder {
  if (token.kind === 'opaque') return 'opaque';
  return token.imprecise ? 'imprecise' : 'numeric';
}

/** The grant's numeric token as a number while it is exact (at most 15 digits), else as a big
 * integer: JavaScript compares the two kinds exactly, and most tokens then make no BigInt. */
const valueOf = (g: Grant): number | bigint => (g.token.length <= 15 ? Number(g.token) : BigInt(g.token));

/** A grant whose token is lower than that of a grant that certainly came before it. */
export interface TokenRegression { lock: string; earlier: Grant; later: Grant }

/** Grants that share a token (its canonical text). */
export interface DuplicateToken { lock: string; token: string; grants: Grant[] }

/** The grants of a history: the acquire that starts each belief (checkers/belief.ts). An acquire
 * answered ok while its process already believes it holds that lock (a re-entrant grant) is part
 * of the same grant and is not counted again: a re-entrant lock may well answer the same token. */
export function grantsOf(all: readonly Belief[]): { grants: Grant[]; tokenless: number } {
  const grants: Grant[] = [];
  let tokenless = 0;
  for (const b of all) {
    const okIndex = b.acquire.completionIndex;
    const okTime = b.acquire.completionTime;
    if (okIndex === null || okTime === null) continue;
    if (b.token === null) {
      tokenless++;
      continue;
    }
    grants.push({ lock: b.lock, process: b.process, token: b.token.text, order: orderOf(b.token), invokeIndex: b.acquire.invokeIndex,
      okIndex, invokeTime: b.acquire.invokeTime, okTime });
  }
  return { grants, tokenless };
}

/**
 * Grants of one lock whose order is certain in real time (A's ok before B's invocation) must have
 * strictly increasing tokens. Concurrent acquires may be granted in either order, so they are not
 * compared; nor are tokens whose order cannot be proven (opaque, or JSON numbers past 2^53).
 * Each later grant is reported once, against the highest-token grant certainly before it.
 * A sweep in invocation order: O(n log n).
 */
export function tokenRegressions(grants: readonly Grant[]): TokenRegression[] {
  const found: TokenRegression[] = [];
  for (const all of groupByLock(grants).values()) {
    const own = all.filter((g) => g.order === 'numeric');
    const value = own.map(valueOf);
    const positions = own.map((_, k) => k);
    const byOk = [...positions].sort((a, b) => (own[a] as Grant).okTime - (own[b] as Grant).okTime);
    const byInvoke = positions.sort((a, b) => (own[a] as Grant).invokeTime - (own[b] as Grant).invokeTime);
    let best = -1;
    let next = 0;
    for (const later of byInvoke) {
      const laterGrant = own[later] as Grant;
      for (; next < byOk.length && (own[byOk[next] as number] as Grant).okTime < laterGrant.invokeTime; next++) {
        const g = byOk[next] as number;
        if (best < 0 || (value[g] as number | bigint) > (value[best] as number | bigint)) best = g;
      }
      // Equal tokens are reported as duplicates; here only a strictly lower one.
      if (best >= 0 && (value[later] as number | bigint) < (value[best] as number | bigint)) found.push({ lock: laterGrant.lock, earlier: own[best] as Grant, later: laterGrant });
    }
  }
  return found.sort((a, b) => a.later.okIndex - b.later.okIndex);
}

/** Tokens handed out by more than one grant of the same lock, in any order; grants by ok. Numeric
 * tokens are the same when their values are ("041" and 41); a JSON number past 2^53 proves no
 * duplicate, since two different tokens may have been rounded to it. */
export function duplicateTokens(grants: readonly Grant[]): DuplicateToken[] {
  const found: DuplicateToken[] = [];
  for (const [lock, own] of groupByLock(grants)) {
    // By canonical text: an opaque token is never a canonical decimal, so the kinds cannot meet. A
    // token met once keeps its grant; a list is made only for a second one.
    const byToken = new Map<string, Grant | Grant[]>();
    for (const g of own) {
      if (g.order === 'imprecise') continue;
      const same = byToken.get(g.token);
      if (same === undefined) byToken.set(g.token, g);
      else if (Array.isArray(same)) same.push(g);
      else byToken.set(g.token, [same, g]);
    }
    for (const same of byToken.values()) {
      if (Array.isArray(same)) found.push({ lock, token: (same[0] as Grant).token, grants: same.sort((a, b) => a.okIndex - b.okIndex) });
    }
  }
  return found.sort((a, b) => (a.grants[1] as Grant).okIndex - (b.grants[1] as Grant).okIndex);
}

/** Grants whose token order cannot be checked: opaque tokens, and JSON numbers past 2^53. */
export function unorderedGrants(grants: readonly Grant[]): { opaque: number; imprecise: number } {
  let opaque = 0;
  let imprecise = 0;
  for (const g of grants) {
    if (g.order === 'opaque') opaque++;
    else if (g.order === 'imprecise') imprecise++;
  }
  return { opaque, imprecise };
}

function groupByLock(grants: readonly Grant[]): Map<string, Grant[]> {
  const byLock = new Map<string, Grant[]>();
  for (const g of grants) {
    const own = byLock.get(g.lock);
    if (own) own.push(g);
    else byLock.set(g.lock, [g]);
  }
  return byLock;
}
