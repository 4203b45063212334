import type { Fault } from '../../nemesis/fault.js';

/** A fault (of its own kind: teardown runs once per kind) that hits nothing but remembers its lifecycle calls, for tests of when the harness sets up, starts, heals and tears down. */
export function noopFault(opts: { failSetup?: boolean; kind?: string } = {}): Fault & { calls: string[] } {
  const calls: string[] = [];
  return {
    name: `${opts.kind ?? 'noop'}-client`, kind: opts.kind ?? 'noop', description: 'does nothing to a random client', calls,
    async setup() {
      calls.push('setup');
      if (opts.failSetup) throw new Error('setup refused');
    },
    async start(ctx) {
      const clients = ctx.clients();
      if (clients.length === 0) return null;
      const target = ctx.pick(clients);
      calls.push('start');
      return { targets: [target.name], details: {}, heal: async () => { calls.push('heal'); } };
    },
    async teardown() {
      calls.push('teardown');
    },
  };
}
