import { BACKENDS } from '../../harness/backends/registry.js';
import { FENCING_MODES } from '../../harness/fenced-register.js';
import { listFaults } from '../../nemesis/registry.js';
import { FOREIGN_FORMATS, MODEL_NAMES } from '../../results/formats/check-foreign.js';

export function listCommand(): number {
  const lines = ['backends:'];
  for (const b of Object.values(BACKENDS)) lines.push(`  ${b.name.padEnd(16)} ${b.description}`);
  lines.push('workloads:', `  ${'fenced-register'.padEnd(16)} acquire, read the register, hold, write read+1 element, release`);
  const faults = listFaults();
  lines.push('nemeses (KIND-TARGET, comma-separated; each runs on its own schedule):', `  ${'none'.padEnd(24)} no faults`);
  for (const f of faults.valid) lines.push(`  ${f.name.padEnd(24)} ${f.description}`);
  lines.push('not valid:');
  for (const f of faults.invalid) lines.push(`  ${f.name.padEnd(24)} ${f.reason}`);
  lines.push('fencing:', `  ${FENCING_MODES.join(', ')}`);
  lines.push('check models:', `  ${MODEL_NAMES.join(', ')}`, 'check formats:', `  ${FOREIGN_FORMATS.join(', ')}`);
  console.log(lines.join('\n'));
  return 0;
}
