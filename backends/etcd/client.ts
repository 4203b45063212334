import type { LockClientFactory } from '../lock-client.js';
import { etcd3LockRecipe } from './etcd3-lock-recipe.js';
import { leaseRecipe } from './lease-recipe.js';

/** The etcd recipes by name (backend.ts lists them for `fencecheck list`). */
export const createLockClient: LockClientFactory = (config) => {
  switch (config.recipe) {
    case 'lease': return leaseRecipe(config);
    case 'etcd3-lock': return etcd3LockRecipe(config);
    default: throw new Error(`the etcd backend has no recipe "${config.recipe}": choose lease or etcd3-lock`);
  }
};
