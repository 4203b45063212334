import { MODEL_NAMES } from '../../checkers/linearizable/models/index.js';
import { FOREIGN_FORMATS } from '../../results/formats/detect-format.js';

interface CheckOption {
  type: 'string' | 'boolean' | 'number';
  describe: string;
}

/**
 * The flags of `fencecheck check`: the one list both of its parsers read. yargs is configured from
 * it (help text, error messages, anything unusual); the fast path (check-fast-args.ts) derives
 * its util.parseArgs options from it, so a flag added here is known to both.
 */
export const CHECK_OPTIONS = {
  model: { type: 'string', describe: `linearizability model: ${MODEL_NAMES.join(', ')}` },
  format: { type: 'string', describe: `history format (detected when unambiguous): ${FOREIGN_FORMATS.join(', ')}` },
  initial: { type: 'string', describe: 'the model\'s initial value, as JSON (default nil: unset)' },
  'per-key': { type: 'boolean', describe: 'check each key / lock separately (P-compositionality; default true)' },
  'time-limit': { type: 'number', describe: 'seconds the linearizability search may take before it says unknown' },
  'memory-limit': { type: 'number', describe: 'megabytes the search may use before it says unknown' },
  json: { type: 'boolean', describe: 'print the result as JSON' },
  output: { type: 'string', describe: 'write results.json here instead of into the run folder' },
} as const satisfies Record<string, CheckOption>;

export type CheckOptionName = keyof typeof CHECK_OPTIONS;

interface TypeOf { string: string; boolean: boolean; number: number }

/** What `check` runs with: its path and the flags given (a flag not given is absent). */
export type CheckArgs = { path: string } & { [K in CheckOptionName]?: TypeOf[(typeof CHECK_OPTIONS)[K]['type']] };

export function isCheckOptionName(name: string): name is CheckOptionName {
  return Object.hasOwn(CHECK_OPTIONS, name);
}
