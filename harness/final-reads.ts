import type { HistoryRecorder } from './history-recorder.js';

/** The process id of the harness's own final reads. */
export const FINAL_PROCESS = -1;

/**
 * Records the final read of every key (DESIGN.md section 5: whole values appear only here), one
 * invoke/ok pair per key, so no line holds more than one key's value. The register must already
 * refuse new writes, so each value is the key's value at the end of the run.
 */
export function recordFinalReads(recorder: Pick<HistoryRecorder, 'record'>, keys: readonly number[], read: (key: number) => number[]): void {
  for (const key of keys) {
    recorder.record({ type: 'invoke', process: FINAL_PROCESS, f: 'final-read', value: { key } });
    recorder.record({ type: 'ok', process: FINAL_PROCESS, f: 'final-read', value: { key, value: read(key) } });
  }
}
