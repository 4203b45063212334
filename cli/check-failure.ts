import { MalformedHistoryError } from '../checkers/open-ops.js';
import { FormatError } from '../results/formats/format-error.js';
import { HistoryFileError } from '../results/json-lines.js';
import { InputError } from '../results/input-error.js';
import { TestJsonError } from '../results/test-json.js';
import { errorLine } from './error-line.js';
import { UsageError } from './exit-codes.js';

/** Errors that mean the input cannot be checked as given: the user must fix the file or the flags. */
const INPUT_ERRORS = [InputError, FormatError, HistoryFileError, TestJsonError, MalformedHistoryError];

/** A path that cannot be read is the user's to fix; these codes name no other trouble. */
const PATH_CODES = new Set(['ENOENT', 'EACCES', 'EPERM', 'EISDIR', 'ENOTDIR', 'ELOOP', 'ENAMETOOLONG']);

/** What a machine limit looks like from JavaScript: the file or its ops did not fit. */
const LIMIT_CODES = new Set(['ERR_STRING_TOO_LONG', 'ENOMEM', 'EMFILE', 'ENFILE', 'ENOSPC', 'ERR_WORKER_OUT_OF_MEMORY']);
const LIMIT_MESSAGES = /Invalid string length|Invalid array length|Array buffer allocation failed|Cannot create a string longer|Maximum call stack size exceeded|out of memory/i;

/**
 * What `fencecheck check` exits with when checking throws: bad input is a UsageError (exit 254,
 * the user can fix it); a resource limit and any other failure (a bug) stay errors (exit 255) and
 * their one line says which, so a history too large for this machine is never blamed on its lines.
 */
export function checkFailure(err: unknown): Error {
  const code = (err as NodeJS.ErrnoException | null)?.code ?? '';
  if (INPUT_ERRORS.some((kind) => err instanceof kind) || PATH_CODES.has(code)) {
    return new UsageError(errorLine(err), { cause: err });
  }
  if (LIMIT_CODES.has(code) || (err instanceof Error && LIMIT_MESSAGES.test(err.message))) {
    return new Error(`check ran out of a resource of this machine (${errorLine(err)}): give Node more memory `
      + '(NODE_OPTIONS=--max-old-space-size=MB) or check on a larger machine', { cause: err });
  }
  return new Error(`check crashed, a fencecheck bug (${errorLine(err)}): please report it with the input; FENCECHECK_DEBUG=1 prints the stack`, { cause: err });
}
