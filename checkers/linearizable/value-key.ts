/**
 * Canonical primitive for a history value, so that values compare with `===`: numbers, strings and
 * booleans stand for themselves, nil for nil, and structured values (vectors, maps) for a tagged
 * JSON text with sorted keys (the tag keeps them apart from strings that look the same).
 */
export function valueKey(v: unknown): number | string | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return `\u0001n${v.toString()}`;
  return `\u0001${canonicalJson(v)}`;
}

function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return typeof v === 'bigint' ? `${v.toString()}n` : JSON.stringify(v) ?? 'null';
}

/** The readable form of a canonical key, for describing states. */
export function showKey(k: number | string | boolean | null): string {
  if (k === null) return 'nil';
  if (typeof k === 'string') return k.startsWith('\u0001') ? k.slice(1) : JSON.stringify(k);
  return String(k);
}
