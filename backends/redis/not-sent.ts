// ioredis rejects a command with this when it was never written (no connection, offline queue
// off): such an attempt certainly did nothing, unlike one whose connection broke in flight.
const NOT_SENT = "Stream isn't writeable";

/** True for an ioredis error of a command that was never sent. */
export const notSent = (err: unknown): boolean => err instanceof Error && err.message.startsWith(NOT_SENT);
