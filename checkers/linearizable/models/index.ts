import type { Model } from '../model.js';
import { kvModel, KV_FS } from './kv.js';
import { mutexModel, MUTEX_FS } from './mutex.js';
import { CAS_REGISTER_FS, registerModel, REGISTER_FS } from './register.js';
import { setModel, SET_FS } from './set.js';

export const MODEL_NAMES = ['register', 'cas-register', 'mutex', 'set', 'kv'] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

/** The op names (`f`) each model understands. */
export const MODEL_FS: Record<ModelName, readonly string[]> = {
  register: REGISTER_FS, 'cas-register': CAS_REGISTER_FS, mutex: MUTEX_FS, set: SET_FS, kv: KV_FS,
};

export function isModelName(name: string): name is ModelName {
  return (MODEL_NAMES as readonly string[]).includes(name);
}

/** A fresh model (models with interned states keep per-check memo tables). */
export function createModel(name: ModelName): Model {
  switch (name) {
    case 'register': return registerModel({ cas: false }) as Model;
    case 'cas-register': return registerModel({ cas: true }) as Model;
    case 'mutex': return mutexModel() as Model;
    case 'set': return setModel() as Model;
    case 'kv': return kvModel() as Model;
  }
}
