import type { ActiveFault, Fault, FaultContext, FaultTarget } from './fault.js';

async function pause(target: FaultTarget): Promise<ActiveFault> {
  await target.signal('SIGSTOP');
  let healed = false;
  return {
    targets: [target.name],
    details: {},
    async heal() {
      if (healed) return;
      healed = true;
      // The client may have been retired while paused; then there is nothing left to resume.
      await target.signal('SIGCONT').catch(() => undefined);
    },
  };
}

/** SIGSTOP of the client that holds the lock, as a GC pause would: heartbeats stop too. */
export const pauseHolder: Fault = {
  name: 'pause-holder',
  kind: 'pause',
  description: 'SIGSTOP the client process that holds the lock (preferably between its read and its write), SIGCONT after the fault duration',
  async start(ctx: FaultContext) {
    const holders = ctx.holders();
    if (holders.length === 0) return null;
    return pause(holders[0] as FaultTarget);
  },
};

/** SIGSTOP of a random client, holder or not. */
export const pauseClient: Fault = {
  name: 'pause-client',
  kind: 'pause',
  description: 'SIGSTOP a random client process, SIGCONT after the fault duration',
  async start(ctx: FaultContext) {
    const clients = ctx.clients();
    if (clients.length === 0) return null;
    return pause(ctx.pick(clients));
  },
};
