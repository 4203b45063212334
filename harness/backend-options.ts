import type { Backend, BackendOption } from '../backends/backend.js';
import { BACKENDS } from '../backends/registry.js';

/** The backend that declares an option of that name, for a flag given to another backend. */
function ownerOf(name: string): Backend | undefined {
  return BACKENDS.find((b) => b.options.some((o) => o.name === name));
}

function check(backend: Backend, option: BackendOption, value: unknown): unknown {
  const flag = `--${option.name}`;
  if (option.type === 'number' && (typeof value !== 'number' || !Number.isFinite(value))) throw new Error(`${flag} must be a number (got ${String(value)})`);
  if (option.type === 'boolean' && typeof value !== 'boolean') throw new Error(`${flag} is a switch (got ${String(value)})`);
  if (option.type === 'string' && typeof value !== 'string') throw new Error(`${flag} must be a string (got ${String(value)})`);
  if (option.choices && !option.choices.includes(String(value))) {
    throw new Error(`unknown ${flag} "${String(value)}" for backend ${backend.name}: choose from ${option.choices.join(', ')}`);
  }
  return value;
}

/**
 * A backend's own options with their defaults filled in and values checked against its
 * declarations; an option of another backend is refused, naming the backend it belongs to.
 */
export function resolveBackendOptions(backend: Backend, given: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(given)) {
    if (given[name] === undefined || backend.options.some((o) => o.name === name)) continue;
    const owner = ownerOf(name);
    throw new Error(`--${name} is an option of backend ${owner?.name ?? '(none)'}, not of ${backend.name}`);
  }
  for (const option of backend.options) {
    const value = given[option.name] ?? option.default;
    if (value !== undefined) out[option.name] = check(backend, option, value);
  }
  return out;
}

/** Every backend's options, once each by name, for the CLI to declare as flags. */
export function allBackendOptions(): { backend: string; option: BackendOption }[] {
  const seen = new Set<string>();
  return BACKENDS.flatMap((b) => b.options.map((option) => ({ backend: b.name, option })))
    .filter(({ option }) => !seen.has(option.name) && (seen.add(option.name), true));
}
