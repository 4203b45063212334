/** One line for a person: the error's message and, when they add something, its causes. */
export function errorLine(err: unknown): string {
  const parts: string[] = [];
  let current: unknown = err;
  for (let depth = 0; current !== undefined && current !== null && depth < 4; depth++) {
    const message = current instanceof Error ? current.message : String(current);
    const first = message.split('\n')[0]?.trim() ?? '';
    if (first && !parts.some((p) => p.includes(first))) parts.push(first);
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join(': ');
}
