/** The HTTP status of a failed engine call (dockerode puts it on the error), or 0. */
export function statusOf(err: unknown): number {
  return (err as { statusCode?: number } | null)?.statusCode ?? 0;
}

/**
 * Awaits an engine call, treating the given HTTP statuses as success: 304 is "already stopped",
 * 404 "already gone", 409 "removal already in progress".
 */
export async function ignoreStatus(call: Promise<unknown>, statuses: number[]): Promise<void> {
  try {
    await call;
  } catch (err) {
    if (!statuses.includes(statusOf(err))) throw err;
  }
}
