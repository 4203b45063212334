import os from 'node:os';

/** Label keys that mark everything fencecheck creates, so a later run or `cleanup` can find it. */
export const LABEL_RUN = 'fencecheck.run';
export const LABEL_PID = 'fencecheck.pid';
export const LABEL_HOST = 'fencecheck.host';

/**
 * The labels every container and network of a run carries. The pid and host say which harness
 * process owns the resource, so orphans of a dead harness can be told from those of a live one.
 */
export function runLabels(runId: string, extra: Record<string, string> = {}): Record<string, string> {
  return { ...extra, [LABEL_RUN]: runId, [LABEL_PID]: String(process.pid), [LABEL_HOST]: os.hostname() };
}

/** Docker object names allow [a-zA-Z0-9][a-zA-Z0-9_.-]*; anything else becomes '-'. */
export function dockerSafeName(name: string): string {
  const safe = name.replace(/[^a-zA-Z0-9_.-]/g, '-');
  return /^[a-zA-Z0-9]/.test(safe) ? safe : `x${safe}`;
}
