/** The test's clock: nanoseconds since the test start on the monotonic clock (DESIGN.md section 4). */
export interface TestClock {
  /** Nanoseconds since start, as a number (exact below 2^53 ns, about 104 days). */
  now(): number;
}

export function startClock(): TestClock {
  const origin = process.hrtime.bigint();
  return { now: () => Number(process.hrtime.bigint() - origin) };
}
