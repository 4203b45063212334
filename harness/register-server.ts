import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestClock } from './clock.js';
import { FencedRegister, type FencingMode, type RegisterDecision, type RegisterRequest } from './fenced-register.js';
import type { JsonlWriter } from './jsonl-writer.js';

/** The fenced register served over HTTP to client containers, logging every decision. */
export interface RegisterServer {
  host: string;
  port: number;
  /** The harness's own final read: the value the register holds now, logged like any read.
   * After it the register answers every request with 503 and logs none: the test is over. */
  finalRead(): number[];
  close(): Promise<void>;
}

export interface RegisterServerOptions {
  /** Address to listen on: the test network's gateway, which every client container reaches. */
  host: string;
  mode: FencingMode;
  clock: TestClock;
  log: JsonlWriter;
}

function parseRequest(op: 'read' | 'write', body: string): RegisterRequest {
  const raw = JSON.parse(body) as Partial<RegisterRequest>;
  if (typeof raw.process !== 'number') throw new Error('process must be a number');
  // Numbers are taken too (a client of an older protocol), as their decimal string.
  const token = typeof raw.token === 'string' ? raw.token : typeof raw.token === 'number' ? String(raw.token) : null;
  if (op === 'read') return { op, process: raw.process, token };
  if (!Array.isArray(raw.value)) throw new Error('a write needs a value list');
  return { op, process: raw.process, token, value: raw.value, ...(typeof raw.element === 'number' ? { element: raw.element } : {}) };
}

export async function startRegisterServer(opts: RegisterServerOptions): Promise<RegisterServer> {
  const register = new FencedRegister(opts.mode);
  let seq = 0;
  let over = false;
  const log = (entry: RegisterDecision): RegisterDecision & { seq: number; time: number } => {
    const full = { seq: seq++, time: opts.clock.now(), ...entry };
    opts.log.append(full);
    return full;
  };

  const server = http.createServer((req, res) => {
    const op = req.url === '/read' ? 'read' : req.url === '/write' ? 'write' : null;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (op === null || req.method !== 'POST') {
        res.writeHead(404).end('{"accepted":false,"value":[],"reason":"no such endpoint"}');
        return;
      }
      if (over) {
        res.writeHead(503).end('{"accepted":false,"value":[],"reason":"the test is over"}');
        return;
      }
      let request: RegisterRequest;
      try {
        request = parseRequest(op, Buffer.concat(chunks).toString('utf8'));
      } catch (err) {
        res.writeHead(400).end(JSON.stringify({ accepted: false, value: [], reason: String(err) }));
        return;
      }
      const entry = log(register.handle(request));
      const reply = { accepted: entry.decision === 'accepted', value: op === 'read' ? entry.value : [], reason: entry.reason };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
    });
  });
  server.keepAliveTimeout = 60_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, opts.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    host: opts.host,
    port,
    finalRead() {
      over = true;
      const value = register.current();
      log({ op: 'final-read', process: -1, token: null, decision: 'accepted', value, highest: null });
      return value;
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
