export const FOREIGN_FORMATS = ['jepsen-log', 'porcupine-kv', 'jepsen-edn', 'fencecheck'] as const;
export type ForeignFormat = (typeof FOREIGN_FORMATS)[number];

export function isForeignFormat(name: string): name is ForeignFormat {
  return (FOREIGN_FORMATS as readonly string[]).includes(name);
}

/**
 * The format of a history from its first non-empty line (EDN comments, `;`, skipped), or undefined when that line does not
 * say: Jepsen log lines start "INFO jepsen.util", fencecheck lines are JSON objects, EDN op maps
 * with a :key are Porcupine's kv files, other EDN op maps (or a vector of them) Jepsen's history.
 */
export function detectFormat(text: string): ForeignFormat | undefined {
  const first = text.split('\n').find((l) => l.trim() !== '' && !l.trim().startsWith(';'))?.trim();
  if (first === undefined) return undefined;
  if (/^INFO\s+jepsen\.util\s+-/.test(first)) return 'jepsen-log';
  if (first.startsWith('{"') || first.startsWith('{ "')) return 'fencecheck';
  if (/^\[?\s*\{\s*:/.test(first)) return /[{,\s]:key\s/.test(first) ? 'porcupine-kv' : 'jepsen-edn';
  return undefined;
}
