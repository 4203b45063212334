import type { ClientProcess } from './client-process.js';

/** Where a client is in its critical section, as the harness last saw it. */
export type HolderPhase = 'acquired' | 'holding' | 'writing' | 'releasing';

/**
 * The clients the harness believes hold the lock right now (acquire ok seen, release not yet
 * answered), so that a nemesis can pause a holder. Only a scheduling aid: checkers never read it.
 */
export class Holders {
  private readonly phases = new Map<ClientProcess, HolderPhase>();

  set(client: ClientProcess, phase: HolderPhase): void {
    this.phases.set(client, phase);
  }

  delete(client: ClientProcess): void {
    this.phases.delete(client);
  }

  /** Holders in the given phases, oldest first. */
  inPhase(...phases: HolderPhase[]): ClientProcess[] {
    return [...this.phases].filter(([, p]) => phases.includes(p)).map(([c]) => c);
  }
}
