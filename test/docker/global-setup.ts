import { execa } from 'execa';
import { connectEngine } from '../../docker/engine.js';
import { ensureImages } from '../../docker/images.js';
import { stageClientImage, withClientImage } from '../../harness/client-image.js';
import { allImages } from '../../harness/images-needed.js';
import { projectRoot } from '../../harness/project-root.js';

/**
 * The Docker tests need an engine, the images and a fresh dist/ (client containers run it). No
 * engine is a failure with a message saying how to get one, never a silent skip.
 */
export default async function setup(): Promise<void> {
  try {
    await connectEngine();
  } catch (err) {
    // The engine error already says how to get an engine; add how to run without one.
    throw new Error(`the Docker tests need a Docker engine: ${(err as Error).message}; for the unit tests alone run \`npm run test:unit\``, { cause: err });
  }
  await execa('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  const staged = stageClientImage({ projectRoot: projectRoot() });
  try {
    await ensureImages({ ...withClientImage(allImages(), staged), onProgress: (line) => console.log(line) });
  } finally {
    await staged.dispose();
  }
}
