/**
 * Fencing tokens as recorded (DESIGN.md section 5): a decimal string (the harness's way, so that
 * 64-bit revisions, zxids and hybrid clocks keep every digit), a JSON number (older histories),
 * an opaque string (a recipe whose token is not a number), or null (no token).
 *
 * Numeric tokens compare as big integers. A number above 2^53 has lost digits by the time a checker
 * sees it (JSON.parse rounds it to a double; the run-folder reader avoids that by reading long token
 * numbers as text, results/history-jsonl.ts): two different 64-bit tokens may then read as one, so
 * such a token is marked `imprecise` and never used to prove a duplicate or a regression. Opaque tokens
 * can only be compared for equality: their order is reported as not checkable.
 */
export type Token =
  | { kind: 'numeric'; value: bigint; text: string; imprecise: boolean }
  | { kind: 'opaque'; text: string };

const DECIMAL = /^-?\d+$/;
/** A decimal as BigInt prints it: no leading zero, no "-0". */
const CANONICAL = /^(0|-?[1-9]\d*)$/;

/** The token of a raw field value, null for null / absent. Throws on anything else (a field of the
 * wrong type is malformed input, and the reader reports it with its line). */
export function parseToken(raw: unknown): Token | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'string') {
    if (DECIMAL.test(raw)) {
      const value = BigInt(raw);
      // The text as written when it is already canonical (the harness's way): no second string.
      return { kind: 'numeric', value, text: CANONICAL.test(raw) ? raw : value.toString(), imprecise: false };
    }
    return { kind: 'opaque', text: raw };
  }
  if (typeof raw === 'number' && Number.isInteger(raw)) {
    return { kind: 'numeric', value: BigInt(raw), text: BigInt(raw).toString(), imprecise: !Number.isSafeInteger(raw) };
  }
  throw new TypeError(`a token must be a decimal string, an integer, an opaque string or null, got ${JSON.stringify(raw)}`);
}

/** Whether a raw field value is a token parseToken accepts. */
export function isTokenField(raw: unknown): boolean {
  return raw === null || raw === undefined || typeof raw === 'string' || (typeof raw === 'number' && Number.isInteger(raw));
}

/** The token as results show it (JSON has no big integers): its canonical decimal text, or the
 * opaque string; null for none. */
export function tokenText(token: Token | null): string | null {
  return token === null ? null : token.text;
}

/** The order value of a raw token field, without making a Token: a number while it is exact (at
 * most 15 digits), else a BigInt (JavaScript compares the two kinds exactly); null when its order
 * cannot be proven (opaque, or a JSON number past 2^53) or there is no token. The register log
 * has a token per request: half a million Tokens would be garbage made only to be compared. */
export function orderedTokenValue(raw: unknown): number | bigint | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'string') return !DECIMAL.test(raw) ? null : raw.length <= 15 ? Number(raw) : BigInt(raw);
  if (typeof raw === 'number' && Number.isInteger(raw)) return Number.isSafeInteger(raw) ? raw : null;
  throw new TypeError(`a token must be a decimal string, an integer, an opaque string or null, got ${JSON.stringify(raw)}`);
}
