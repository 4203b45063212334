import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRegisterClient } from '../workloads/register-client.js';
import { isDefiniteFailure } from '../workloads/outcome-errors.js';
import { startClock } from './clock.js';
import { openJsonlWriter } from './jsonl-writer.js';
import { startRegisterServer, type RegisterServer } from './register-server.js';

// The register service and the client that containers use, over a real loopback socket.
describe('register server and client', () => {
  let server: RegisterServer | null = null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-register-'));
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  it('logs every decision, refuses stale tokens as definite failures, and closes at the final read', async () => {
    const file = path.join(dir, 'register.jsonl');
    const log = openJsonlWriter(file);
    server = await startRegisterServer({ host: '127.0.0.1', mode: 'full', clock: startClock(), log });
    const client = createRegisterClient({ host: server.host, port: server.port, timeoutMs: 2000 });

    expect(await client.read({ process: 1, token: '1' })).toEqual([]);
    await client.write({ process: 1, token: '1', value: [10], element: 10 });
    expect(await client.read({ process: 2, token: '2' })).toEqual([10]);
    const stale = await client.write({ process: 1, token: '1', value: [10, 11], element: 11 }).catch((e: unknown) => e);
    expect(isDefiniteFailure(stale)).toBe(true);
    expect((stale as Error).message).toBe('stale token 1 < 2');

    expect(server.finalRead()).toEqual([10]);
    const late = await client.write({ process: 2, token: '2', value: [10, 12], element: 12 }).catch((e: unknown) => e);
    expect(isDefiniteFailure(late)).toBe(true);
    client.close();
    log.close();

    const entries = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entries.map((e) => [e.op, e.process, e.token, e.decision, e.highest])).toEqual([
      ['read', 1, '1', 'accepted', null], ['write', 1, '1', 'accepted', '1'], ['read', 2, '2', 'accepted', '1'],
      ['write', 1, '1', 'rejected', '2'], ['final-read', -1, null, 'accepted', null],
    ]);
    expect(entries.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4]);
    expect(entries.every((e, i) => i === 0 || (e.time as number) >= (entries[i - 1]?.time as number))).toBe(true);
  });

  it('gives an unknown outcome, not a failure, when the register does not answer', async () => {
    // A port nothing listens on: the request certainly went nowhere, but the client cannot know
    // that in general, so it must not claim a definite failure.
    const client = createRegisterClient({ host: '127.0.0.1', port: 1, timeoutMs: 500 });
    const err = await client.read({ process: 1, token: '1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(isDefiniteFailure(err)).toBe(false);
    client.close();
  });
});
