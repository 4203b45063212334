import { connectEngine } from '../../docker/engine.js';
import { ensureImages } from '../../docker/images.js';
import { allImages } from '../../harness/images-needed.js';

export async function imagesCommand(args: { offline?: boolean }): Promise<number> {
  await connectEngine();
  const images = await ensureImages({ ...allImages(), offline: args.offline ?? false, onProgress: (line) => console.error(line) });
  for (const [name, image] of Object.entries(images)) console.log(`${name}\t${image.tag}\t${image.id}`);
  return 0;
}
