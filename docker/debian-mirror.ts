import fs from 'node:fs';
import path from 'node:path';

export const DEFAULT_DEBIAN_MIRROR = 'http://deb.debian.org/debian';

/**
 * The Debian mirror the host's apt uses for `suite`, read from sources.list and sources.list.d
 * (one-line and deb822 formats): where this machine can reach Debian, debootstrap can too.
 * Falls back to deb.debian.org when no entry names the suite.
 */
export function hostDebianMirror(opts: { suite: string; aptDir?: string }): string {
  const aptDir = opts.aptDir ?? '/etc/apt';
  const files = [path.join(aptDir, 'sources.list')];
  const dropIns = path.join(aptDir, 'sources.list.d');
  if (fs.existsSync(dropIns)) {
    files.push(...fs.readdirSync(dropIns).filter((f) => f.endsWith('.list') || f.endsWith('.sources')).sort().map((f) => path.join(dropIns, f)));
  }
  for (const file of files) {
    if (!fs.existsSync(file)) continue;
    const text = fs.readFileSync(file, 'utf8');
    const uri = file.endsWith('.sources') ? fromDeb822(text, opts.suite) : fromOneLine(text, opts.suite);
    if (uri) return uri.replace(/\/+$/, '');
  }
  return DEFAULT_DEBIAN_MIRROR;
}

function fromOneLine(text: string, suite: string): string | undefined {
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').replace(/\[[^\]]*\]/, ' ').trim();
    const [type, uri, lineSuite] = line.split(/\s+/);
    if (type === 'deb' && uri && lineSuite === suite && isHttp(uri)) return uri;
  }
  return undefined;
}

function fromDeb822(text: string, suite: string): string | undefined {
  for (const stanza of text.split(/\n\s*\n/)) {
    const fields = new Map<string, string>();
    for (const line of stanza.split('\n')) {
      const m = /^([A-Za-z-]+):\s*(.*)$/.exec(line);
      if (m?.[1] && m[2] !== undefined) fields.set(m[1].toLowerCase(), m[2].trim());
    }
    if (fields.get('enabled')?.toLowerCase() === 'no') continue;
    if (!(fields.get('types') ?? '').split(/\s+/).includes('deb')) continue;
    if (!(fields.get('suites') ?? '').split(/\s+/).includes(suite)) continue;
    const uri = (fields.get('uris') ?? '').split(/\s+/).find(isHttp);
    if (uri) return uri;
  }
  return undefined;
}

function isHttp(uri: string): boolean {
  return uri.startsWith('http://') || uri.startsWith('https://');
}
