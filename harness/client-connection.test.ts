import net from 'node:net';
import type { AddressInfo } from 'node:net';
import readline from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { connectClient } from './client-connection.js';

// A real TCP peer on loopback that answers like a client process, or stops answering.
async function peer(behaviour: (req: { id: number; f: string }, socket: net.Socket) => void): Promise<net.Server> {
  const server = net.createServer((socket) => {
    readline.createInterface({ input: socket }).on('line', (line) => behaviour(JSON.parse(line) as { id: number; f: string }, socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

describe('client connection', () => {
  const servers: net.Server[] = [];
  afterEach(() => {
    for (const s of servers.splice(0)) s.close();
  });

  it('matches replies to requests and passes ok and fail through', async () => {
    const server = await peer((req, socket) => {
      socket.write(`${JSON.stringify({ id: req.id, type: req.f === 'acquire' ? 'ok' : 'fail', value: { f: req.f } })}\n`);
    });
    servers.push(server);
    const conn = await connectClient({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, timeoutMs: 1000 });
    expect(await conn.call({ f: 'acquire', value: {} }, 1000)).toMatchObject({ type: 'ok', value: { f: 'acquire' } });
    expect(await conn.call({ f: 'write', value: {} }, 1000)).toMatchObject({ type: 'fail' });
    conn.close();
  });

  it('turns a missing reply into info, and so every call after the connection broke', async () => {
    const server = await peer((req, socket) => {
      if (req.f === 'release') socket.destroy();
    });
    servers.push(server);
    const conn = await connectClient({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, timeoutMs: 1000 });
    expect(await conn.call({ f: 'acquire', value: {} }, 200)).toMatchObject({ type: 'info', error: 'no reply within 200 ms' });
    expect(await conn.call({ f: 'release', value: {} }, 5000)).toMatchObject({ type: 'info', error: 'connection to client closed' });
    expect(await conn.call({ f: 'read', value: {} }, 5000)).toMatchObject({ type: 'info' });
    conn.close();
  });

  it('turns a peer that does not speak the protocol into info for every call, without crashing', async () => {
    const server = await peer((_req, socket) => socket.write('HTTP/1.1 400 Bad Request\r\n\r\n'));
    servers.push(server);
    const conn = await connectClient({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, timeoutMs: 1000 });
    expect(await conn.call({ f: 'acquire', value: {} }, 1000)).toMatchObject({ type: 'info', error: expect.stringMatching(/not JSON: HTTP\/1\.1 400/) });
    expect(await conn.call({ f: 'read', value: {} }, 1000)).toMatchObject({ type: 'info' });
    conn.close();
  });
});
