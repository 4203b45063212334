import type { LinOp } from '../../checkers/linearizable/lin-op.js';
import { lockHistoryToLinOps } from '../../checkers/linearizable/lock-history.js';
import { pairedHistory } from '../../checkers/open-ops.js';
import { parseHistoryJsonl } from '../history-jsonl.js';

/**
 * The ops of a fencecheck history.jsonl for a model. It is read by the one history reader
 * (parseHistoryJsonl, the same as for a run folder: same strictness, same torn-line rule) and
 * paired by the one pairing (pairOps, cached). For the mutex model the ops are the beliefs
 * (checkers/belief.ts), as the lock checkers see them; for any other model, every client op with
 * its invocation's value as input and its completion's as output, open and `info` ops staying
 * open to the end. Throws HistoryFileError naming the file and line.
 */
export function parseFencecheck(text: string, model: string, file = 'history.jsonl'): LinOp[] {
  const history = parseHistoryJsonl(text, { file });
  if (model === 'mutex') return lockHistoryToLinOps(history);
  return pairedHistory(history).pairs.map((pair, id) => ({
    id, process: pair.process, f: pair.f, input: pair.history.value(pair.invokeAt) ?? null, output: pair.open ? null : pair.history.value(pair.completionAt) ?? null,
    status: pair.type, call: pair.invokeTime, ret: pair.completionTime ?? Infinity, line: pair.invokeIndex + 1,
  }));
}
