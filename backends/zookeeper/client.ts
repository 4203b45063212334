import type { LockClientFactory } from '../lock-client.js';
import { ephemeralSequentialRecipe } from './ephemeral-sequential-recipe.js';

/** The ZooKeeper recipe (backend.ts lists it for `fencecheck list`). */
export const createLockClient: LockClientFactory = (config) => {
  if (config.recipe !== 'ephemeral-sequential') throw new Error(`the zookeeper backend has no recipe "${config.recipe}": use ephemeral-sequential`);
  return ephemeralSequentialRecipe(config);
};
