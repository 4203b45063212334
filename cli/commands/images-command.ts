import { connectEngine } from '../../docker/engine.js';
import { ensureImages } from '../../docker/images.js';
import { BACKENDS } from '../../harness/backends/registry.js';

export const CLIENT_IMAGE = 'node-client';

/** Every image a test may need: each backend's nodes and the client image. */
export function allImageNames(): string[] {
  return [...new Set([...Object.values(BACKENDS).flatMap((b) => b.images), CLIENT_IMAGE])];
}

export async function imagesCommand(args: { offline?: boolean }): Promise<number> {
  await connectEngine();
  const images = await ensureImages({ names: allImageNames(), offline: args.offline ?? false, onProgress: (line) => console.error(line) });
  for (const [name, image] of Object.entries(images)) console.log(`${name}\t${image.tag}\t${image.id}`);
  return 0;
}
