import { connectEngine } from '../../docker/engine.js';
import { ensureImages } from '../../docker/images.js';
import { stageClientImage, withClientImage } from '../../harness/client-image.js';
import { allImages } from '../../harness/images-needed.js';
import { projectRoot } from '../../harness/project-root.js';

export async function imagesCommand(args: { offline?: boolean }): Promise<number> {
  await connectEngine();
  const staged = stageClientImage({ projectRoot: projectRoot() });
  const images = await ensureImages({ ...withClientImage(allImages(), staged), offline: args.offline ?? false, onProgress: (line) => console.error(line) })
    .finally(() => staged.dispose());
  for (const [name, image] of Object.entries(images)) console.log(`${name}\t${image.tag}\t${image.id}`);
  return 0;
}
