import http from 'node:http';
import { DefiniteFailure } from './outcome-errors.js';
import type { Token } from './protocol.js';

/** What the register answers to a read or a write. */
export interface RegisterReply { accepted: boolean; value: number[]; reason?: string }

/**
 * The client side of the fenced register (harness/register-server.ts). A request the register
 * refused throws DefiniteFailure (it did not happen); a request with no answer throws a plain
 * error (it may have happened).
 */
export interface RegisterClient {
  read(req: { process: number; token: Token }): Promise<number[]>;
  write(req: { process: number; token: Token; value: number[]; element: number }): Promise<void>;
  close(): void;
}

export function createRegisterClient(opts: { host: string; port: number; timeoutMs: number }): RegisterClient {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  function post(path: string, body: unknown): Promise<RegisterReply> {
    const payload = JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = http.request(
        { host: opts.host, port: opts.port, path, method: 'POST', agent, timeout: opts.timeoutMs,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            try {
              resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as RegisterReply);
            } catch (err) {
              reject(new Error(`register sent an unreadable reply (HTTP ${res.statusCode})`, { cause: err }));
            }
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`register did not answer within ${opts.timeoutMs} ms`)));
      req.on('error', reject);
      req.end(payload);
    });
  }

  return {
    async read(req) {
      const reply = await post('/read', req);
      if (!reply.accepted) throw new DefiniteFailure(reply.reason ?? 'read rejected', { rejected: true });
      return reply.value;
    },
    async write(req) {
      const reply = await post('/write', req);
      if (!reply.accepted) throw new DefiniteFailure(reply.reason ?? 'write rejected', { rejected: true });
    },
    close() {
      agent.destroy();
    },
  };
}
