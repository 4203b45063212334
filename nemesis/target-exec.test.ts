import { describe, expect, it } from 'vitest';
import { isGone } from './target-exec.js';

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
