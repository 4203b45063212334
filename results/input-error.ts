/** A history file, format or model the user gave that cannot be checked as given: bad input
 * (exit 254), never a crash. The message is one line saying what to give instead. */
export class InputError extends Error {
  override name = 'InputError';
}
