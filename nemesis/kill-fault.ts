import { processFaultKind } from './fault-kind.js';

/**
 * SIGKILL of the main process; after the fault duration a node starts again with the same data
 * (its `restart`), while a killed client stays dead (the harness retires it and spawns another).
 */
export const killKind = processFaultKind({
  kind: 'kill',
  description: 'SIGKILL the process; a node restarts with the same data after the fault duration, a client is retired',
  apply: (target) => target.signal('SIGKILL'),
  undo: (target) => target.restart(),
  // Restarting every node at teardown would be a fault of its own; active kills are healed first.
  sweep: null,
});
