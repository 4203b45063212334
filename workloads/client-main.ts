import net from 'node:net';
import readline from 'node:readline';
import type { LockClient } from '../backends/lock-client.js';
import { loadLockClientFactory } from './load-lock-client.js';
import { DefiniteFailure, isDefiniteFailure } from './outcome-errors.js';
import { CLIENT_CONFIG_ENV, CLIENT_PORT, type ClientConfig, type ClientReply, type ClientRequest } from './protocol.js';
import { createRegisterClient } from './register-client.js';
import type { RegisterClient } from './register-client.js';

// The entry point of one lock-client process, run inside its own container (PID 1, so that
// SIGSTOP of the container pauses exactly this process, heartbeats included).

function loadConfig(): ClientConfig {
  const raw = process.env[CLIENT_CONFIG_ENV];
  if (!raw) throw new Error(`${CLIENT_CONFIG_ENV} is not set`);
  return JSON.parse(raw) as ClientConfig;
}

async function perform(req: ClientRequest, lock: LockClient, register: RegisterClient, config: ClientConfig): Promise<Record<string, unknown>> {
  const token = req.value.token ?? null;
  switch (req.f) {
    case 'acquire': return { ...(await lock.acquire()) };
    case 'read': return { token, value: await register.read({ process: config.process, token }) };
    case 'write': {
      // A careful client refuses to write once its lease is known lost: nothing is sent, so `fail`.
      if (config.onLeaseLost === 'abort' && lock.leaseLost?.()) throw new DefiniteFailure('lease lost: not writing', { leaseLost: true });
      const value = req.value.value ?? [];
      await register.write({ process: config.process, token, value, element: req.value.element ?? -1 });
      return { token, value, element: req.value.element };
    }
    case 'release': return { token, ...(await lock.release()) };
  }
}

async function answer(req: ClientRequest, lock: LockClient, register: RegisterClient, config: ClientConfig): Promise<ClientReply> {
  try {
    return { id: req.id, type: 'ok', value: await perform(req, lock, register, config) };
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    if (isDefiniteFailure(err)) return { id: req.id, type: 'fail', value: err.details, error };
    return { id: req.id, type: 'info', error };
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const factory = await loadLockClientFactory(config.backend);
  const lock = await factory(config);
  const register = createRegisterClient({ ...config.register, timeoutMs: config.requestTimeoutMs });

  const server = net.createServer((socket) => {
    socket.setNoDelay(true);
    const lines = readline.createInterface({ input: socket });
    // Requests on a connection are handled in order, one at a time, as a process is sequential.
    let chain: Promise<void> = Promise.resolve();
    lines.on('line', (line) => {
      const req = JSON.parse(line) as ClientRequest;
      chain = chain.then(async () => {
        const reply = await answer(req, lock, register, config);
        socket.write(`${JSON.stringify(reply)}\n`);
      });
    });
    // A peer that resets the connection (the harness's port probe does) is no error of this
    // process; readline re-emits the socket's error, which unhandled would crash it.
    socket.on('error', () => socket.destroy());
    lines.on('error', () => socket.destroy());
  });
  server.listen(CLIENT_PORT, '0.0.0.0', () => console.log(`client ${config.process} (${config.backend}/${config.recipe}) listening on ${CLIENT_PORT}`));

  const stop = (): void => {
    server.close();
    register.close();
    void lock.close().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err: unknown) => {
  console.error(`client failed to start: ${err instanceof Error ? `${err.message}${err.cause ? ` (${String(err.cause)})` : ''}` : String(err)}`);
  process.exit(1);
});
