import type { TestClock } from '../clock.js';
import { FencedRegister, type FencingMode, type RegisterDecision, type RegisterRequest } from '../fenced-register.js';

export type LoggedDecision = RegisterDecision & { seq: number; time: number };

/** The fenced register in memory with its log, as register-server keeps it on disk. */
export interface InMemoryRegister {
  handle(req: RegisterRequest): LoggedDecision;
  /** The harness's final read; logged like any read. */
  finalRead(): number[];
  readonly log: readonly LoggedDecision[];
}

export function inMemoryRegister(mode: FencingMode, clock: TestClock): InMemoryRegister {
  const register = new FencedRegister(mode);
  const log: LoggedDecision[] = [];
  const append = (decision: RegisterDecision): LoggedDecision => {
    const entry = { seq: log.length, time: clock.now(), ...decision };
    log.push(entry);
    return entry;
  };
  return {
    log,
    handle: (req) => append(register.handle(req)),
    finalRead() {
      const value = register.current();
      append({ op: 'final-read', process: -1, token: null, decision: 'accepted', value, highest: null });
      return value;
    },
  };
}
