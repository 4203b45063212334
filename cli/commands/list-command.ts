import { BACKENDS } from '../../backends/registry.js';
import { FENCING_MODES } from '../../harness/fenced-register.js';
import type { Fault } from '../../nemesis/fault.js';
import { faultTouchesNodes, listFaults } from '../../nemesis/registry.js';
import { FOREIGN_FORMATS, MODEL_NAMES } from '../../results/formats/check-foreign.js';

const pad = (s: string): string => s.padEnd(24);

export function listCommand(): number {
  const lines = ['backends:'];
  for (const b of BACKENDS) {
    lines.push(`  ${pad(b.name)} ${b.description} (nodes: ${b.nodeCounts.join(', ')}; default ${b.defaultNodes})`);
    for (const r of b.recipes) lines.push(`    recipe ${pad(r.name)} ${r.description}; token: ${r.token ?? 'none'}`);
    for (const o of b.options) lines.push(`    --${pad(o.name)} ${o.describe}${o.choices ? ` (${o.choices.join(', ')})` : ''}`);
  }
  lines.push('workloads:', `  ${pad('fenced-register')} acquire, read the register, hold, write read+1 element, release`);
  const faults = listFaults();
  lines.push('nemeses (KIND-TARGET, comma-separated; each runs on its own schedule):', `  ${pad('none')} no faults`);
  for (const f of faults.valid) {
    const onNodes = faultTouchesNodes(f as unknown as Fault);
    const refused = BACKENDS.map((b) => [b.name, onNodes ? b.faultNotApplicable(f.kind) : null] as const).filter(([, why]) => why !== null);
    lines.push(`  ${pad(f.name)} ${f.description}`);
    for (const [name, why] of refused) lines.push(`    not on ${name}: ${why}`);
  }
  lines.push('not valid:');
  for (const f of faults.invalid) lines.push(`  ${pad(f.name)} ${f.reason}`);
  lines.push('fencing:', `  ${FENCING_MODES.join(', ')}`);
  lines.push('check models:', `  ${MODEL_NAMES.join(', ')}`, 'check formats:', `  ${FOREIGN_FORMATS.join(', ')}`);
  console.log(lines.join('\n'));
  return 0;
}
