import type { RegisterEntry } from './history.js';

/** The register key of an op value or a log entry; histories without keys have the one key 0. */
export function keyOf(value: { key?: unknown } | null | undefined): number {
  const key = value?.key;
  return typeof key === 'number' && Number.isSafeInteger(key) ? key : 0;
}

/** One accepted write: the version it made, built on `parent` by adding `element`, or (a log
 * written before bounded lines) the whole value it wrote. */
interface Version { parent: number; element: number | null; value: readonly number[] | null }

/**
 * The values the register held, rebuilt from its log without whole values (DESIGN.md section 5):
 * an accepted write's value is the value at the version it built on plus its element. A log of
 * the older shape carries whole values instead, and they are used as they are. Memory is one
 * small record per accepted write; a value is walked only when asked for.
 */
export class RegisterVersions {
  private readonly versions = new Map<number, Map<number, Version>>();
  /** The version each accepted write entry made, by seq. */
  private readonly made = new Map<number, number>();

  /** `log` in seq order. */
  constructor(log: readonly RegisterEntry[]) {
    const counts = new Map<number, number>();
    for (const e of log) {
      if (e.op !== 'write' || e.decision !== 'accepted') continue;
      const key = keyOf(e);
      const count = (counts.get(key) ?? 0) + 1;
      counts.set(key, count);
      const version = typeof e.version === 'number' ? e.version : count;
      let byVersion = this.versions.get(key);
      if (!byVersion) this.versions.set(key, byVersion = new Map());
      byVersion.set(version, { parent: typeof e.base === 'number' ? e.base : version - 1, element: e.element ?? null, value: Array.isArray(e.value) ? e.value : null });
      this.made.set(e.seq, version);
    }
  }

  /** Whether the value an accepted write entry made holds `element`; null when the log cannot say
   * (a version it built on that the log does not have). */
  holds(entry: RegisterEntry, element: number): boolean | null {
    const version = this.made.get(entry.seq);
    if (version === undefined) return null;
    const byVersion = this.versions.get(keyOf(entry));
    let at: number = version;
    // Each step goes to an older version: a chain is at most as long as the key's writes.
    for (let steps = 0; steps <= (byVersion?.size ?? 0); steps++) {
      if (at === 0) return false;
      const v = byVersion?.get(at);
      if (!v) return null;
      if (v.value) return v.value.includes(element);
      if (v.element === element) return true;
      if (v.parent >= at) return null;
      at = v.parent;
    }
    return null;
  }

  /** The whole value an accepted write entry made, or null when the log cannot rebuild it. */
  valueOf(entry: RegisterEntry): number[] | null {
    const version = this.made.get(entry.seq);
    const byVersion = this.versions.get(keyOf(entry));
    if (version === undefined || !byVersion) return null;
    const added: number[] = [];
    let at = version;
    for (let steps = 0; steps <= byVersion.size; steps++) {
      if (at === 0) return added.reverse();
      const v = byVersion.get(at);
      if (!v) return null;
      if (v.value) return [...v.value, ...added.reverse()];
      if (v.element !== null) added.push(v.element);
      if (v.parent >= at) return null;
      at = v.parent;
    }
    return null;
  }
}
