/**
 * Ctrl-C: the first press stops after the current sample and writes the
 * results; the second writes what is there and exits at once. Either way the
 * exit code is 128 + the signal's number (130 for SIGINT, 143 for SIGTERM):
 * the code a shell shows for a process a signal ended, and the one `npx`
 * gives, because npm dies of the same Ctrl-C (docs/reliability.md).
 */
import { EXIT, type ExitCode } from '../core/errors.ts';

export interface Interrupt {
  /** Remove the handlers. */
  release(): void;
  /** The exit code the interrupt calls for, or null when there was none. */
  readonly exitCode: ExitCode | null;
}

const CODES = { SIGINT: EXIT.interrupted, SIGTERM: EXIT.terminated } as const;

export function onInterrupt(controller: AbortController, flushNow: () => void): Interrupt {
  let presses = 0;
  let exitCode: ExitCode | null = null;
  const handler = (signal: keyof typeof CODES) => {
    presses++;
    exitCode ??= CODES[signal];
    if (presses === 1) {
      process.stderr.write(
        '\ninterrupted: finishing the current sample and writing results (Ctrl-C again to stop now)\n',
      );
      controller.abort();
      return;
    }
    flushNow();
    process.stderr.write('stopped; results.json holds every sample taken so far\n');
    process.exit(exitCode);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    release() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
    get exitCode() {
      return exitCode;
    },
  };
}
