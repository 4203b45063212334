import type { HolderPhase } from '../workloads/register-cycle.js';
import type { ClientProcess } from './client-process.js';

/**
 * The clients the harness believes hold the lock right now (acquire ok seen, release not yet
 * answered), so that a fault can hit a holder. Only a scheduling aid: checkers never read it.
 */
export class Holders {
  private readonly phases = new Map<ClientProcess, HolderPhase>();

  set(client: ClientProcess, phase: HolderPhase | null): void {
    if (phase === null) this.phases.delete(client);
    else this.phases.set(client, phase);
  }

  /** Holders between their read and their write first (a fault there hits a critical section), then the others, oldest first. */
  current(): ClientProcess[] {
    const inPhase = (...phases: HolderPhase[]): ClientProcess[] => [...this.phases].filter(([, p]) => phases.includes(p)).map(([c]) => c);
    return [...inPhase('holding'), ...inPhase('acquired', 'writing')];
  }
}
