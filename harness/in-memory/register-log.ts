import type { TestClock } from '../clock.js';
import { FencedRegister, type FencingMode, type RegisterDecision, type RegisterRequest } from '../fenced-register.js';

export type LoggedDecision = RegisterDecision & { seq: number; time: number };

/** The fenced register in memory with its log, as register-server keeps it on disk. */
export interface InMemoryRegister {
  handle(req: RegisterRequest): LoggedDecision;
  /** Every key the register holds (at least key 0), for the final reads. */
  keys(): number[];
  /** The harness's final read of one key; logged like any read. */
  finalRead(key: number): number[];
  /** A key's whole value and version, for the client that builds the next value from it. */
  read(key: number): { value: number[]; version: number };
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
    read: (key) => register.read(key),
    keys: () => (register.keys().length > 0 ? register.keys() : [0]),
    finalRead: (key) => append(register.finalEntry(key)).value ?? [],
  };
}
