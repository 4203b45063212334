import { createHash } from 'node:crypto';

export interface ImageHashInput {
  /** Every file of the build context, path relative to the context folder (forward slashes). */
  files: ReadonlyArray<{ path: string; content: Buffer | string }>;
  /** The exact tag (or id) the image is built FROM, so a new parent rebuilds its children. */
  parent: string;
}

/**
 * A hex sha256 that changes whenever a context file's path or bytes change or the parent changes,
 * and never otherwise: file order does not matter and each field is length-prefixed, so no two
 * different inputs can be spelled the same way.
 */
export function imageHash(input: ImageHashInput): string {
  const hash = createHash('sha256');
  const field = (value: Buffer | string): void => {
    const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
    hash.update(`${bytes.length}:`);
    hash.update(bytes);
  };
  field(input.parent);
  const files = [...input.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const file of files) {
    field(file.path);
    field(file.content);
  }
  return hash.digest('hex');
}

/** The short form used in tags: long enough never to collide among one project's images. */
export function shortHash(hash: string): string {
  return hash.slice(0, 16);
}
