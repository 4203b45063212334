import type { Token } from '../workloads/protocol.js';

/** What the register checks (DESIGN.md section 6); the one definition of the fencing modes. */
export type FencingMode = 'none' | 'write' | 'full';
export const FENCING_MODES: readonly FencingMode[] = ['none', 'write', 'full'];

export interface RegisterRequest { op: 'read' | 'write'; process: number; token: Token; value?: number[]; element?: number }

/** The register's account of one request, as register.jsonl records it (tokens as decimal strings). */
export interface RegisterDecision {
  op: 'read' | 'write' | 'final-read';
  process: number;
  token: Token;
  decision: 'accepted' | 'rejected';
  value: number[];
  element?: number;
  /** The highest numeric token accepted before this request. */
  highest: Token;
  reason?: string;
}

const DECIMAL = /^-?\d+$/;

/** A token as a number to order by, or null when it is absent or not a decimal integer. */
function order(token: Token): bigint | null {
  return token !== null && DECIMAL.test(token) ? BigInt(token) : null;
}

const max = (a: bigint | null, b: bigint): bigint => (a === null || b > a ? b : a);

/**
 * The protected resource of DESIGN.md section 6: a list of elements with a fencing policy.
 * - none: accepts everything.
 * - write: refuses a write whose token is lower than the highest token of an accepted write.
 * - full: refuses any request whose token is lower than the highest token seen (reads raise it).
 * Tokens compare as big integers, so 64-bit revisions keep their order. A request without a token
 * (a recipe that has none) or with a token that is not a decimal integer cannot be ordered: it is
 * accepted, and its log entry says why.
 */
export class FencedRegister {
  private value: number[] = [];
  private highestWrite: bigint | null = null;
  private highestAny: bigint | null = null;

  constructor(readonly mode: FencingMode) {}

  handle(req: RegisterRequest): RegisterDecision {
    const token = order(req.token);
    const limit = this.mode === 'full' ? this.highestAny : this.mode === 'write' && req.op === 'write' ? this.highestWrite : null;
    const base = { op: req.op, process: req.process, token: req.token, highest: this.highestAny === null ? null : String(this.highestAny) };
    if (token !== null && limit !== null && token < limit) {
      return { ...base, decision: 'rejected', value: req.value ?? [], element: req.element, reason: `stale token ${req.token} < ${limit}` };
    }
    if (token !== null) {
      this.highestAny = max(this.highestAny, token);
      if (req.op === 'write') this.highestWrite = max(this.highestWrite, token);
    }
    if (req.op === 'write') this.value = [...(req.value ?? [])];
    const unordered = req.token !== null && token === null ? { reason: `token ${JSON.stringify(req.token)} is not a decimal integer: it cannot be ordered, accepted unfenced` } : {};
    return { ...base, decision: 'accepted', value: [...this.value], element: req.element, ...unordered };
  }

  current(): number[] {
    return [...this.value];
  }
}
