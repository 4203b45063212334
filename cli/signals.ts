/**
 * Runs work with an AbortSignal raised by the first Ctrl-C or SIGTERM, so that the run winds
 * down and cleans up; a second signal exits at once (the next run or `fencecheck cleanup` then
 * removes what is left).
 */
export async function withSignals<T>(work: (signal: AbortSignal) => Promise<T>, log: (line: string) => void): Promise<T> {
  const controller = new AbortController();
  let count = 0;
  const onSignal = (name: NodeJS.Signals): void => {
    count += 1;
    if (count === 1) {
      log(`${name}: stopping the test, healing faults and removing containers (again to quit at once)`);
      controller.abort();
    } else {
      log(`${name}: quitting now; run \`fencecheck cleanup\` to remove what is left`);
      process.exit(130);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await work(controller.signal);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
