import { createLogUpdate } from 'log-update';
import type { Op } from '../checkers/history.js';
import { LiveStats, type LiveSnapshot } from './live-stats.js';

export interface StatusLine {
  onOp(op: Op): void;
  /** A progress message: printed above the live line, which then carries on. */
  log(line: string): void;
  stop(): void;
}

export interface StatusLineOptions {
  timeLimitMs: number;
  stream?: NodeJS.WriteStream;
  /** Plain lines this often when the stream is not a terminal. */
  plainEveryMs?: number;
  /** A prefix, such as the suite's "[3/8] redis-pause-holder-none". */
  label?: string;
}

export function formatStatus(s: LiveSnapshot, timeLimitMs: number): string {
  if (s.elapsedMs === null) return `starting… ${s.ops} ops`;
  const faults = s.faults.length > 0 ? s.faults.join('; ') : 'none';
  return `${(s.elapsedMs / 1000).toFixed(0)}/${(timeLimitMs / 1000).toFixed(0)} s · ${s.ops} ops · ${s.okPerSecond.toFixed(1)} ok/s · faults now: ${faults} · double holders so far: ${s.incidents}`;
}

/**
 * The live progress of one test: on a terminal one line redrawn in place (log-update); otherwise a
 * plain line every few seconds, so CI logs show progress without a wall of carriage returns.
 */
export function startStatusLine(opts: StatusLineOptions): StatusLine {
  const stream = opts.stream ?? process.stderr;
  const stats = new LiveStats();
  const prefix = opts.label ? `${opts.label} ` : '';
  const line = (): string => `${prefix}${formatStatus(stats.snapshot(), opts.timeLimitMs)}`;
  // A terminal of no size (a pty nobody sized) would show nothing: plain lines then.
  if (stream.isTTY && (stream.columns ?? 0) > 0) {
    const live = createLogUpdate(stream);
    const timer = setInterval(() => live(line()), 250);
    timer.unref();
    return {
      onOp: (op) => stats.add(op),
      log: (text) => live.persist(text),
      stop: () => {
        clearInterval(timer);
        live.clear();
        live.done();
      },
    };
  }
  let seenOp = false;
  const timer = setInterval(() => {
    if (seenOp) stream.write(`${line()}\n`);
  }, opts.plainEveryMs ?? 5000);
  timer.unref();
  return {
    onOp: (op) => {
      seenOp = true;
      stats.add(op);
    },
    log: (text) => stream.write(`${text}\n`),
    stop: () => clearInterval(timer),
  };
}
