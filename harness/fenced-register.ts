import type { Token } from '../workloads/protocol.js';

/** What the register checks (DESIGN.md section 6); the one definition of the fencing modes. */
export type FencingMode = 'none' | 'write' | 'full';
export const FENCING_MODES: readonly FencingMode[] = ['none', 'write', 'full'];

/** A request to one key. A write carries the whole new value (the client built it) and the
 * version it built on; the register keeps the value, the log keeps only the element and versions. */
export interface RegisterRequest {
  op: 'read' | 'write';
  process: number;
  token: Token;
  key: number;
  value?: number[];
  element?: number;
  /** For a write: the version of the value it built on (the version its read returned). */
  base?: number;
}

/** The register's account of one request, as register.jsonl records it (tokens as decimal strings).
 * Every entry is bounded: a read records the length and version it returned, a write the element it
 * added, the version it built on and (accepted) the version it made; only a final read carries a
 * whole value. */
export interface RegisterDecision {
  op: 'read' | 'write' | 'final-read';
  process: number;
  token: Token;
  key: number;
  decision: 'accepted' | 'rejected';
  /** The key's length and version after the request (a read: what it returned). */
  length: number;
  version: number;
  element?: number;
  base?: number;
  /** Only in a final read: the key's whole value. */
  value?: number[];
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

interface Slot { value: number[]; version: number }

/**
 * The protected resource of DESIGN.md section 6: lists of elements by key, with one fencing policy
 * across keys (the tokens come from one lock).
 * - none: accepts everything.
 * - write: refuses a write whose token is lower than the highest token of an accepted write.
 * - full: refuses any request whose token is lower than the highest token seen (reads raise it).
 * Tokens compare as big integers, so 64-bit revisions keep their order. A request without a token
 * (a recipe that has none) or with a token that is not a decimal integer cannot be ordered: it is
 * accepted, and its log entry says why. A key's version counts its accepted writes (0: never written).
 */
export class FencedRegister {
  private readonly slots = new Map<number, Slot>();
  private highestWrite: bigint | null = null;
  private highestAny: bigint | null = null;

  constructor(readonly mode: FencingMode) {}

  private slot(key: number): Slot {
    let slot = this.slots.get(key);
    if (!slot) this.slots.set(key, slot = { value: [], version: 0 });
    return slot;
  }

  handle(req: RegisterRequest): RegisterDecision {
    const token = order(req.token);
    const limit = this.mode === 'full' ? this.highestAny : this.mode === 'write' && req.op === 'write' ? this.highestWrite : null;
    const slot = this.slot(req.key);
    const base = { op: req.op, process: req.process, token: req.token, key: req.key, highest: this.highestAny === null ? null : String(this.highestAny),
      ...(req.op === 'write' ? { element: req.element, base: req.base } : {}) };
    if (token !== null && limit !== null && token < limit) {
      return { ...base, decision: 'rejected', length: slot.value.length, version: slot.version, reason: `stale token ${req.token} < ${limit}` };
    }
    if (token !== null) {
      this.highestAny = max(this.highestAny, token);
      if (req.op === 'write') this.highestWrite = max(this.highestWrite, token);
    }
    if (req.op === 'write') {
      slot.value = [...(req.value ?? [])];
      slot.version++;
    }
    const unordered = req.token !== null && token === null ? { reason: `token ${JSON.stringify(req.token)} is not a decimal integer: it cannot be ordered, accepted unfenced` } : {};
    return { ...base, decision: 'accepted', length: slot.value.length, version: slot.version, ...unordered };
  }

  /** A key's value and version now. */
  read(key: number): { value: number[]; version: number } {
    const slot = this.slot(key);
    return { value: [...slot.value], version: slot.version };
  }

  /** Every key ever read or written, in order. */
  keys(): number[] {
    return [...this.slots.keys()].sort((a, b) => a - b);
  }

  /** The final read of one key, as the log records it. */
  finalEntry(key: number): RegisterDecision {
    const { value, version } = this.read(key);
    return { op: 'final-read', process: -1, token: null, key, decision: 'accepted', length: value.length, version, value, highest: null };
  }
}
