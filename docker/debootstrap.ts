import fs from 'node:fs';
import { execa } from 'execa';

export interface DebootstrapOptions {
  dir: string;
  suite: string;
  mirror: string;
  onProgress: (line: string) => void;
}

/** Per-package lines that are summarised as a count instead of printed one by one. */
const PER_PACKAGE = /^I: (Retrieving|Validating|Extracting|Unpacking|Configuring) /;
/** Printed as a running count; validation follows retrieval line for line, so it adds nothing. */
const COUNTED = new Set(['Retrieving', 'Extracting', 'Unpacking', 'Configuring']);
const SUMMARY_EVERY = 25;

/**
 * Makes a minimal Debian root file system in dir. Needs root and the debootstrap program; says
 * which is missing instead of failing obscurely. Throws with debootstrap's last lines on failure.
 */
export async function runDebootstrap(opts: DebootstrapOptions): Promise<void> {
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new Error('building the base image needs root (it runs debootstrap): run as root, '
      + 'or load debian:bookworm-slim into the engine (`docker pull` / `docker load`)');
  }
  const tail: string[] = [];
  const counts = new Map<string, number>();
  const onLine = (line: string): void => {
    tail.push(line);
    if (tail.length > 30) tail.shift();
    const perPackage = PER_PACKAGE.exec(line);
    if (!perPackage?.[1]) {
      if (line.startsWith('I: ') || line.startsWith('W: ') || line.startsWith('E: ')) opts.onProgress(`base: debootstrap ${line}`);
      return;
    }
    if (!COUNTED.has(perPackage[1])) return;
    const n = (counts.get(perPackage[1]) ?? 0) + 1;
    counts.set(perPackage[1], n);
    if (n === 1 || n % SUMMARY_EVERY === 0) opts.onProgress(`base: debootstrap ${perPackage[1].toLowerCase()} packages (${n}) …`);
  };
  fs.mkdirSync(opts.dir, { recursive: true });
  try {
    const child = execa('debootstrap', ['--variant=minbase', opts.suite, opts.dir, opts.mirror], { all: true, buffer: false });
    child.all?.setEncoding('utf8');
    let partial = '';
    child.all?.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) onLine(line.trim());
    });
    await child;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ENOENT') {
      throw new Error('building the base image needs debootstrap: `apt-get install debootstrap` '
        + '(scripts/setup-docker.sh installs it), or load debian:bookworm-slim into the engine', { cause: err });
    }
    throw new Error(`debootstrap ${opts.suite} from ${opts.mirror} failed; last lines:\n${tail.join('\n')}`, { cause: err });
  }
}
