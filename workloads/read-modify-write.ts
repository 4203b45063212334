import { DefiniteFailure } from './outcome-errors.js';
import type { Token } from './protocol.js';

/** The register as a client reaches it, for one process. */
export interface KeyedRegister {
  read(req: { key: number; token: Token }): Promise<{ value: number[]; version: number }>;
  write(req: { key: number; token: Token; value: number[]; element: number; base: number }): Promise<void>;
}

/** What a read or write op records: bounded, never a whole value (DESIGN.md section 5). */
export interface ReadSummary { key: number; length: number; version: number }
export interface WriteSummary { key: number; element: number; base: number }

/**
 * The client's side of the read-modify-write (DESIGN.md section 6): it keeps the value of its
 * last read and builds the next value from it, so the harness never ships whole values. A write
 * that names a read this process did not make (another key or version) sends nothing: `fail`.
 */
export class ReadModifyWrite {
  private last: { key: number; version: number; value: number[] } | null = null;

  constructor(private readonly register: KeyedRegister) {}

  async read(key: number, token: Token): Promise<ReadSummary> {
    this.last = null;
    const { value, version } = await this.register.read({ key, token });
    this.last = { key, version, value };
    return { key, length: value.length, version };
  }

  async write(req: { key: number; token: Token; element: number; base: number }): Promise<WriteSummary> {
    const last = this.last;
    if (!last || last.key !== req.key || last.version !== req.base) {
      throw new DefiniteFailure(`no read of key ${req.key} at version ${req.base} to build on: not writing`, { noRead: true });
    }
    this.last = null;
    await this.register.write({ ...req, value: [...last.value, req.element] });
    return { key: req.key, element: req.element, base: req.base };
  }
}
