import { describe, expect, it } from 'vitest';
import { demuxFrames } from './demux.js';

function frame(kind: number, text: string): Buffer {
  const body = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = kind;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

describe('demuxFrames', () => {
  it('splits stdout from stderr and keeps the written order in all', () => {
    const out = demuxFrames(Buffer.concat([frame(1, 'a\n'), frame(2, 'oops\n'), frame(1, 'b\n')]));
    expect(out).toEqual({ stdout: 'a\nb\n', stderr: 'oops\n', all: 'a\noops\nb\n' });
  });
});
