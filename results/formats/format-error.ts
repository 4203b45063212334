/** A history file that cannot be read as its format: the message is one line with the line number. */
export class FormatError extends Error {
  constructor(readonly format: string, readonly line: number, detail: string, options?: { cause?: unknown }) {
    super(`malformed ${format} history at line ${line}: ${detail} (check the file, or give the right --format)`, options);
  }
}
