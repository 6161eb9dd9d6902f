/**
 * Ctrl-C: the first press stops after the current sample and writes the
 * results; the second writes what is there and exits at once.
 */
export function onInterrupt(controller: AbortController, flushNow: () => void): () => void {
  let presses = 0;
  const handler = () => {
    presses++;
    if (presses === 1) {
      process.stderr.write('\ninterrupted: finishing the current sample and writing results (Ctrl-C again to stop now)\n');
      controller.abort();
      return;
    }
    flushNow();
    process.stderr.write('stopped; results.json holds every sample taken so far\n');
    process.exit(130);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
