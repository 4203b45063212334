import type { RegisterEntry } from '../checkers/history.js';

export type FencingMode = 'none' | 'write' | 'full';
export const FENCING_MODES: readonly FencingMode[] = ['none', 'write', 'full'];

export interface RegisterRequest { op: 'read' | 'write'; process: number; token: number | null; value?: number[]; element?: number }
export type RegisterDecision = Omit<RegisterEntry, 'seq' | 'time'>;

/**
 * The protected resource of DESIGN.md section 6: a list of elements with a fencing policy.
 * - none: accepts everything.
 * - write: refuses a write whose token is lower than the highest token of an accepted write.
 * - full: refuses any request whose token is lower than the highest token seen (reads raise it).
 * A request without a token (a recipe that has none) cannot be fenced and is accepted.
 */
export class FencedRegister {
  private value: number[] = [];
  private highestWrite: number | null = null;
  private highestAny: number | null = null;

  constructor(readonly mode: FencingMode) {}

  handle(req: RegisterRequest): RegisterDecision {
    const highest = this.highestAny;
    const limit = this.mode === 'full' ? this.highestAny : this.mode === 'write' && req.op === 'write' ? this.highestWrite : null;
    const base = { op: req.op, process: req.process, token: req.token, highest };
    if (req.token !== null && limit !== null && req.token < limit) {
      return { ...base, decision: 'rejected', value: req.value ?? [], element: req.element,
        reason: `stale token ${req.token} < ${limit}` };
    }
    if (req.token !== null) {
      this.highestAny = Math.max(this.highestAny ?? req.token, req.token);
      if (req.op === 'write') this.highestWrite = Math.max(this.highestWrite ?? req.token, req.token);
    }
    if (req.op === 'write') this.value = [...(req.value ?? [])];
    return { ...base, decision: 'accepted', value: [...this.value], element: req.element };
  }

  current(): number[] {
    return [...this.value];
  }
}
