/**
 * A client reports an operation as `fail` only when it certainly did not happen. Recipes and the
 * register client throw DefiniteFailure for that; any other error means the outcome is unknown.
 */
export class DefiniteFailure extends Error {
  constructor(message: string, readonly details: Record<string, unknown> = {}, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DefiniteFailure';
  }
}

export function isDefiniteFailure(err: unknown): err is DefiniteFailure {
  return err instanceof DefiniteFailure;
}
