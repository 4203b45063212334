import { BACKENDS } from './backends/registry.js';
import type { LockBackend } from './backends/lock-backend.js';

/** The image every client container runs (docker/images/node-client). */
export const CLIENT_IMAGE = 'node-client';

/** The images one test needs: its backend's nodes and the clients. */
export function imagesFor(backend: LockBackend): string[] {
  return [...backend.images, CLIENT_IMAGE];
}

/** Every image any test may need, for `fencecheck images` and the Docker tests' setup. */
export function allImageNames(): string[] {
  return [...new Set(Object.values(BACKENDS).flatMap(imagesFor))];
}
