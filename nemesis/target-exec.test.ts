import { describe, expect, it } from 'vitest';
import type { FaultTarget } from './fault-target.js';
import { isGone, run } from './target-exec.js';

const engineError = (statusCode: number, message: string): Error => Object.assign(new Error(message), { statusCode });

describe('isGone', () => {
  it('takes the engine\'s word that a container is stopped or removed, whatever status it uses', () => {
    expect(isGone(engineError(404, 'no such container'))).toBe(true);
    expect(isGone(engineError(409, 'Container abc is not running'))).toBe(true);
    // Debian's engine 20.10, an exec in a container a kill fault just stopped.
    expect(isGone(engineError(500, '(HTTP code 500) container not running - Container 1de2 is not running: Exited (137)'))).toBe(true);
  });

  it('never takes another engine failure or a command\'s own failure for a gone container', () => {
    expect(isGone(engineError(500, 'OCI runtime create failed: permission denied'))).toBe(false);
    expect(isGone(new Error('iptables -A exited with code 1: is not running'))).toBe(false);
    expect(isGone(null)).toBe(false);
  });
});

describe('run', () => {
  const answering = (exitCode: number, output: string): FaultTarget => ({ name: 'n1', kind: 'node', ip: '10.0.0.1',
    signal: async () => undefined, restart: async () => undefined, exec: async () => ({ exitCode, output }) });

  it('takes a runtime that says the container stopped under the command for a gone container, not a failure', async () => {
    const gone = await run(answering(126, 'container is not running'), ['iptables', '-F', 'X']).catch((e: unknown) => e);
    expect(isGone(gone)).toBe(true);
    const killed = await run(answering(137, ''), ['iptables', '-F', 'X']).catch((e: unknown) => e);
    expect(isGone(killed)).toBe(true);
  });

  it('reports a command that failed on its own, with what it printed', async () => {
    const failed = await run(answering(1, 'iptables: No chain/target/match by that name.'), ['iptables', '-F', 'X']).then(() => new Error('it succeeded'), (e: unknown) => e as Error);
    expect(isGone(failed)).toBe(false);
    expect(failed.message).toBe('iptables -F X in n1 exited with code 1: iptables: No chain/target/match by that name.');
    expect(isGone(await run(answering(126, 'permission denied'), ['x']).catch((e: unknown) => e))).toBe(false);
  });
});
