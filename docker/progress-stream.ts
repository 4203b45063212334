import type Docker from 'dockerode';

/** One line of the engine's JSON progress output (build, pull, import). */
export interface ProgressEvent {
  stream?: string;
  status?: string;
  error?: string;
  errorDetail?: { message?: string };
  aux?: { ID?: string };
}

/**
 * Reads a build, pull or import stream to its end, handing each event to onEvent. The engine
 * reports failure inside the stream with HTTP 200, so an `error` event rejects here.
 */
export function followProgress(docker: Docker, stream: NodeJS.ReadableStream, onEvent: (e: ProgressEvent) => void): Promise<ProgressEvent[]> {
  return new Promise((resolve, reject) => {
    docker.modem.followProgress(stream, (err: Error | null, output: ProgressEvent[]) => {
      if (err) return reject(err);
      const failed = output.find((e) => e.error);
      if (failed) return reject(new Error(failed.errorDetail?.message ?? failed.error));
      resolve(output);
    }, (event: ProgressEvent) => onEvent(event));
  });
}
