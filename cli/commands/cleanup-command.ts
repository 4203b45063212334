import { removeAll, stuckWarning } from '../../docker/cleanup.js';
import { connectEngine } from '../../docker/engine.js';

export async function cleanupCommand(): Promise<number> {
  const docker = await connectEngine();
  const removed = await removeAll(docker);
  console.log(`removed ${removed.containers} containers and ${removed.networks} networks`);
  const warning = stuckWarning(removed.stuck);
  if (warning) console.error(`fencecheck: warning: ${warning}`);
  return 0;
}
