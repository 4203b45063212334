import { clockBumpKind } from './clock-bump-fault.js';
import { clockStrobeKind } from './clock-strobe-fault.js';
import { delayKind } from './delay-fault.js';
import type { Fault } from './fault.js';
import type { FaultKind } from './fault-kind.js';
import { killKind } from './kill-fault.js';
import { lossKind } from './loss-fault.js';
import { partitionKind } from './partition-fault.js';
import { pauseKind } from './pause-fault.js';
import { TARGET_NAMES, type TargetName } from './targets.js';

/** Every fault kind, one line each; a fault is `KIND-TARGET` for any target its kind accepts. */
export const FAULT_KINDS: readonly FaultKind[] = [
  pauseKind,
  killKind,
  partitionKind,
  clockBumpKind,
  clockStrobeKind,
  delayKind,
  lossKind,
];

export interface FaultListing {
  valid: Array<{ name: string; kind: string; description: string }>;
  invalid: Array<{ name: string; reason: string }>;
}

/** Every KIND-TARGET pair: the valid ones with what they do, the others with why not (`fencecheck list`). */
export function listFaults(): FaultListing {
  const listing: FaultListing = { valid: [], invalid: [] };
  for (const kind of FAULT_KINDS) {
    for (const target of TARGET_NAMES) {
      const name = `${kind.kind}-${target}`;
      if (kind.targets.includes(target)) listing.valid.push({ name, kind: kind.kind, description: kind.make(target).description });
      else listing.invalid.push({ name, reason: kind.invalidReason(target) });
    }
  }
  return listing;
}

/** The valid fault names, `none` first. */
export const NEMESIS_NAMES: readonly string[] = ['none', ...listFaults().valid.map((f) => f.name)];

/** Splits `KIND-TARGET` by the longest kind it starts with (kinds contain hyphens). */
function splitName(name: string): { kind: FaultKind; target: string } | null {
  const kind = [...FAULT_KINDS].sort((a, b) => b.kind.length - a.kind.length).find((k) => name.startsWith(`${k.kind}-`));
  return kind ? { kind, target: name.slice(kind.kind.length + 1) } : null;
}

/**
 * Parses `--nemesis a,b` into faults (`none` or empty: no faults); throws a one-line error naming
 * the first bad entry, what is wrong with it and what is valid.
 */
export function parseNemesis(spec: string): Fault[] {
  const names = spec.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (names.length === 0 || (names.length === 1 && names[0] === 'none')) return [];
  const seen = new Set<string>();
  return names.map((name) => {
    if (name === 'none') throw new Error('--nemesis none cannot be combined with faults');
    if (seen.has(name)) throw new Error(`--nemesis names ${name} twice`);
    seen.add(name);
    const split = splitName(name);
    if (!split) {
      throw new Error(`unknown nemesis "${name}": write KIND-TARGET with KIND one of ${FAULT_KINDS.map((k) => k.kind).join(', ')}; \`fencecheck list\` shows every valid pair`);
    }
    const { kind, target } = split;
    if (!(TARGET_NAMES as readonly string[]).includes(target)) {
      throw new Error(`unknown target "${target}" in nemesis "${name}": ${kind.kind} takes ${kind.targets.join(', ')}`);
    }
    if (!kind.targets.includes(target as TargetName)) throw new Error(`nemesis "${name}" is not valid: ${kind.invalidReason(target as TargetName)}`);
    return kind.make(target as TargetName);
  });
}

/**
 * Whether a fault acts on the lock nodes' own processes or namespaces (then the backend may refuse
 * its kind: Backend.faultNotApplicable), rather than only on clients (holder, client).
 */
export function faultTouchesNodes(fault: Fault): boolean {
  return !/-(holder|client)$/.test(fault.name);
}
