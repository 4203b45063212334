/** A half-open time interval [start, end) in ns. */
export interface Interval { start: number; end: number }

/** Sorted, disjoint, non-empty intervals covering the same points as the input. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else out.push({ start: i.start, end: i.end });
  }
  return out;
}

export function totalLength(merged: readonly Interval[]): number {
  return merged.reduce((sum, i) => sum + (i.end - i.start), 0);
}

/** Length of the intersection of two merged interval lists. */
export function intersectionLength(a: readonly Interval[], b: readonly Interval[]): number {
  let sum = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as Interval;
    const y = b[j] as Interval;
    sum += Math.max(0, Math.min(x.end, y.end) - Math.max(x.start, y.start));
    if (x.end < y.end) i++;
    else j++;
  }
  return sum;
}

/** Whether a time falls inside a merged interval list (binary search). */
export function covers(merged: readonly Interval[], time: number): boolean {
  let lo = 0;
  let hi = merged.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const i = merged[mid] as Interval;
    if (time < i.start) hi = mid - 1;
    else if (time >= i.end) lo = mid + 1;
    else return true;
  }
  return false;
}

/** The points of merged list `a` that are not in merged list `b`, as a merged list. */
export function subtractIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let j = 0;
  for (const x of a) {
    let from = x.start;
    while (j < b.length && (b[j] as Interval).end <= from) j++;
    for (let k = j; k < b.length && (b[k] as Interval).start < x.end; k++) {
      const y = b[k] as Interval;
      if (y.start > from) out.push({ start: from, end: y.start });
      from = Math.max(from, y.end);
    }
    if (from < x.end) out.push({ start: from, end: x.end });
  }
  return out;
}
