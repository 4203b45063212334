import type Docker from 'dockerode';
import { inspectId, type ImageRef } from './base-image.js';
import type { ImageContext } from './image-context.js';
import { followProgress } from './progress-stream.js';

export interface BuildImageOptions {
  context: ImageContext;
  tag: string;
  /** The image tag passed as the BASE build argument (Dockerfiles say `FROM ${BASE}`). */
  parent: string;
  onProgress: (line: string) => void;
}

const STEP = /^Step (\d+\/\d+) : (.*)$/;

/** A Dockerfile step that refuses to build echoes a line starting with this, then exits non-zero:
 * that line (without the mark) becomes the error's message, one line saying what is wrong. */
export const BUILD_REFUSED = 'fencecheck-build-refused:';
const TAIL_LINES = 25;

/**
 * Builds one image folder and tags it. Progress is reported per Dockerfile step; a failed build
 * throws with the last lines of the build log in the message, so the cause is readable at once.
 */
export async function buildImage(docker: Docker, opts: BuildImageOptions): Promise<ImageRef> {
  const { context, tag } = opts;
  const tail: string[] = [];
  const started = Date.now();
  const onEvent = (event: { stream?: string; status?: string }): void => {
    const text = event.stream ?? event.status;
    if (!text) return;
    for (const line of text.split('\n').map((l) => l.trimEnd()).filter(Boolean)) {
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
      const step = STEP.exec(line);
      if (step) opts.onProgress(`building ${context.name} (step ${step[1]}) ${abbreviate(step[2] ?? '')} …`);
    }
  };
  try {
    const stream = await docker.buildImage({ context: context.dir, src: context.files }, {
      t: tag,
      buildargs: { BASE: opts.parent },
      labels: { 'fencecheck.image': context.name },
      rm: true,
      forcerm: true,
    });
    await followProgress(docker, stream, onEvent);
  } catch (err) {
    const refused = tail.find((line) => line.startsWith(BUILD_REFUSED));
    // No cause: the engine's message only repeats the whole step, refusal text included.
    if (refused) throw new Error(`image ${context.name}: ${refused.slice(BUILD_REFUSED.length).trim()}`);
    throw new Error(`building image ${context.name} (${tag}) failed: ${(err as Error).message}\n`
      + `last lines of the build log:\n${tail.join('\n')}`, { cause: err });
  }
  const id = await inspectId(docker, tag);
  if (!id) throw new Error(`building image ${context.name} finished but ${tag} does not exist; last lines:\n${tail.join('\n')}`);
  opts.onProgress(`built ${context.name} in ${((Date.now() - started) / 1000).toFixed(0)} s (${tag})`);
  return { tag, id };
}

function abbreviate(instruction: string): string {
  return instruction.length > 60 ? `${instruction.slice(0, 57)}...` : instruction;
}
