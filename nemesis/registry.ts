import type { Fault } from './fault.js';
import { pauseClient, pauseHolder } from './pause-fault.js';

/** Every fault by name; `none` is the empty list. */
export const FAULTS: Record<string, Fault> = {
  [pauseHolder.name]: pauseHolder,
  [pauseClient.name]: pauseClient,
};

export const NEMESIS_NAMES: readonly string[] = ['none', ...Object.keys(FAULTS)];

/** Parses `--nemesis a,b` into faults; throws a one-line error naming an unknown one. */
export function parseNemesis(spec: string): Fault[] {
  const names = spec.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (names.length === 0 || (names.length === 1 && names[0] === 'none')) return [];
  return names.map((name) => {
    const fault = FAULTS[name];
    if (!fault) throw new Error(`unknown nemesis "${name}": choose from ${NEMESIS_NAMES.join(', ')} (comma-separated)`);
    return fault;
  });
}
