import { checkExclusion } from '../checkers/exclusion.js';
import type { Op } from '../checkers/history.js';

/** What the status line shows of a test in progress. */
export interface LiveSnapshot {
  /** Ms since the first client op (the workload's start); null before it. */
  elapsedMs: number | null;
  ops: number;
  okPerSecond: number;
  faults: string[];
  /** Double holders found in the history so far (the exclusion checker's own count). */
  incidents: number;
}

const RATE_WINDOW_NS = 5e9;
const MIN_CHECK_INTERVAL_MS = 2000;

/**
 * Follows the ops of a running test. The incident count is the exclusion checker's, re-run on a copy
 * of the lock ops so far: ops still in flight count as unknown there, so it never counts more than
 * the final verdict will. Its period grows with its cost, so a long run is not slowed by its own
 * status line.
 */
export class LiveStats {
  private readonly ops: Op[] = [];
  private count = 0;
  private lastTime = 0;
  private firstClientTime: number | null = null;
  private readonly active = new Map<string, number>();
  private okTimes: number[] = [];
  private incidents = 0;
  private checkedAt = -Infinity;
  private checkCostMs = 0;
  /** When the first client op arrived: elapsed time runs on while every client is paused. */
  private firstClientAt: number | null = null;

  constructor(private readonly now: () => number = () => performance.now()) {}

  add(op: Op): void {
    this.count++;
    this.lastTime = op.time;
    // Lock ops only: reads and writes are half a history. Without their proofs of life a belief can
    // only end earlier, so the live count stays a lower bound of the final one.
    if (op.f !== 'read' && op.f !== 'write') this.ops.push(op);
    if (this.firstClientAt === null && op.process !== 'nemesis') {
      this.firstClientAt = this.now();
      this.firstClientTime = op.time;
    }
    if (op.process === 'nemesis') {
      const v = (typeof op.value === 'object' && op.value !== null ? op.value : {}) as { fault?: unknown; targets?: unknown };
      const key = `${typeof v.fault === 'string' ? v.fault : op.f}${Array.isArray(v.targets) && v.targets.length > 0 ? ` ${v.targets.join(',')}` : ''}`;
      if (op.f === 'start') this.active.set(key, (this.active.get(key) ?? 0) + 1);
      if (op.f === 'stop') {
        const left = (this.active.get(key) ?? 1) - 1;
        if (left > 0) this.active.set(key, left);
        else this.active.delete(key);
      }
    } else if (op.type === 'ok') {
      this.okTimes.push(op.time);
    }
  }

  snapshot(): LiveSnapshot {
    const nowNs = this.lastTime;
    this.okTimes = this.okTimes.filter((t) => t > nowNs - RATE_WINDOW_NS);
    const windowS = Math.min(RATE_WINDOW_NS, Math.max(1, nowNs - (this.firstClientTime ?? nowNs))) / 1e9;
    const started = this.now();
    if (started - this.checkedAt >= Math.max(MIN_CHECK_INTERVAL_MS, this.checkCostMs * 20)) {
      try {
        this.incidents = checkExclusion({ history: this.ops.slice() }).incidents.length;
      } catch {
        // A history caught mid-write can break the op contract for a moment: keep the last count.
      }
      this.checkedAt = this.now();
      this.checkCostMs = this.checkedAt - started;
    }
    return {
      elapsedMs: this.firstClientAt === null ? null : started - this.firstClientAt,
      ops: this.count,
      okPerSecond: windowS > 0 ? this.okTimes.length / windowS : 0,
      faults: [...this.active.keys()],
      incidents: this.incidents,
    };
  }
}
