import type { LockClientFactory } from '../lock-client.js';
import { createSessionLock } from './session-lock.js';
import { createXactLock } from './xact-lock.js';

const RECIPES: Record<string, LockClientFactory> = {
  session: createSessionLock,
  xact: createXactLock,
};

/** The postgres recipes by `--recipe`: `session` (pg_advisory_lock) and `xact` (pg_advisory_xact_lock). */
export const createLockClient: LockClientFactory = (config) => {
  const recipe = RECIPES[config.recipe];
  if (!recipe) throw new Error(`the postgres backend has no recipe "${config.recipe}": choose from ${Object.keys(RECIPES).join(', ')}`);
  return recipe(config);
};
