import { removeAll } from '../../docker/cleanup.js';
import { connectEngine } from '../../docker/engine.js';

export async function cleanupCommand(): Promise<number> {
  const docker = await connectEngine();
  const removed = await removeAll(docker);
  console.log(`removed ${removed.containers} containers and ${removed.networks} networks`);
  return 0;
}
