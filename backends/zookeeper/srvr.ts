import net from 'node:net';

/** A member's answer to `srvr`: its role, and the zxid it has seen (the epoch is the high 32 bits). */
export interface SrvrAnswer {
  node: string;
  mode: 'leader' | 'follower' | 'standalone' | 'observer' | 'unknown';
  zxid: bigint;
}

/** Sends a four-letter word and returns the whole answer (the server closes the connection after it). */
export function fourLetterWord(opts: { host: string; port: number; word: string; timeoutMs: number }): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: opts.host, port: opts.port });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer to ${opts.word} from ${opts.host}:${opts.port} within ${opts.timeoutMs} ms`));
    }, opts.timeoutMs);
    socket.once('connect', () => socket.write(opts.word));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.once('end', () => { clearTimeout(timer); resolve(Buffer.concat(chunks).toString('utf8')); });
    socket.once('error', (err) => { clearTimeout(timer); reject(err); });
  });
}

/** Reads `Mode:` and `Zxid:` out of a `srvr` answer; a member not serving ("This ZooKeeper instance is not currently serving requests") is `unknown`. */
export function parseSrvr(node: string, text: string): SrvrAnswer {
  const mode = /^Mode: (\w+)/m.exec(text)?.[1];
  const zxid = /^Zxid: (0x[0-9a-f]+)/im.exec(text)?.[1];
  const known = ['leader', 'follower', 'standalone', 'observer'] as const;
  return {
    node,
    mode: known.find((m) => m === mode) ?? 'unknown',
    zxid: zxid ? BigInt(zxid) : 0n,
  };
}

/**
 * The leader as the members see it now: among the members that say they lead (or run
 * standalone), the one in the newest epoch (a deposed leader cut off from the rest says so until
 * it notices, in an older epoch). Null when none does.
 */
export function leaderOf(answers: readonly SrvrAnswer[]): string | null {
  let best: SrvrAnswer | null = null;
  for (const a of answers) {
    if (a.mode !== 'leader' && a.mode !== 'standalone') continue;
    if (!best || a.zxid >> 32n > best.zxid >> 32n) best = a;
  }
  return best?.node ?? null;
}
