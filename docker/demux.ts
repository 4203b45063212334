/**
 * Splits the engine's multiplexed output (8-byte frame headers: stream, 3 zero bytes, big-endian
 * length) into stdout and stderr. Containers without a TTY always answer in this framing.
 */
export function demuxFrames(buf: Buffer): { stdout: string; stderr: string; all: string } {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const all: Buffer[] = [];
  let offset = 0;
  while (offset + 8 <= buf.length) {
    const kind = buf[offset];
    const length = buf.readUInt32BE(offset + 4);
    const frame = buf.subarray(offset + 8, offset + 8 + length);
    (kind === 2 ? err : out).push(frame);
    all.push(frame);
    offset += 8 + length;
  }
  const text = (parts: Buffer[]): string => Buffer.concat(parts).toString('utf8');
  return { stdout: text(out), stderr: text(err), all: text(all) };
}
