import net from 'node:net';
import readline from 'node:readline';
import type { ClientReply, ClientRequest } from '../workloads/protocol.js';

/**
 * The harness's end of one client process's connection. `call` resolves with the client's reply,
 * or with an `info` reply when no answer comes within the timeout or the connection breaks: the
 * operation may still take effect, so its outcome is unknown.
 */
export interface ClientConnection {
  call(req: Omit<ClientRequest, 'id'>, timeoutMs: number): Promise<ClientReply>;
  close(): void;
}

export async function connectClient(opts: { host: string; port: number; timeoutMs: number }): Promise<ClientConnection> {
  const socket = await new Promise<net.Socket>((resolve, reject) => {
    const s = net.connect({ host: opts.host, port: opts.port, timeout: opts.timeoutMs });
    s.once('connect', () => { s.setTimeout(0); resolve(s); });
    s.once('timeout', () => s.destroy(new Error(`client at ${opts.host}:${opts.port} did not accept a connection within ${opts.timeoutMs} ms`)));
    s.once('error', reject);
  });
  socket.setNoDelay(true);
  const pending = new Map<number, (reply: ClientReply) => void>();
  let nextId = 1;
  let broken: string | null = null;

  const failAll = (why: string): void => {
    broken ??= why;
    for (const [id, resolve] of pending) resolve({ id, type: 'info', error: why });
    pending.clear();
  };
  const lines = readline.createInterface({ input: socket });
  // The socket's own error handler below says what broke; readline only re-emits it.
  lines.on('error', () => undefined);
  lines.on('line', (line) => {
    let reply: ClientReply;
    try {
      reply = JSON.parse(line) as ClientReply;
    } catch {
      // Not our client process (something else answers at that address): nothing it says counts.
      failAll(`the client at ${opts.host}:${opts.port} sent a line that is not JSON: ${line.slice(0, 60)}`);
      socket.destroy();
      return;
    }
    pending.get(reply.id)?.(reply);
    pending.delete(reply.id);
  });
  socket.on('error', (err) => failAll(`connection to client lost: ${err.message}`));
  socket.on('close', () => failAll('connection to client closed'));

  return {
    call(req, timeoutMs) {
      const id = nextId++;
      if (broken) return Promise.resolve({ id, type: 'info', error: broken });
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve({ id, type: 'info', error: `no reply within ${timeoutMs} ms` });
        }, timeoutMs);
        pending.set(id, (reply) => { clearTimeout(timer); resolve(reply); });
        socket.write(`${JSON.stringify({ ...req, id })}\n`);
      });
    },
    close() {
      socket.destroy();
    },
  };
}
