/**
 * Errors that reach the user. Each names the problem and the fix, and
 * carries the exit code the CLI should end with.
 */

/**
 * Exit codes: shared by every command (gate adds 3 and 4). A run ended by a
 * signal exits 128 + its number, as a shell reports it (and as `npx` does,
 * since npm itself dies of the Ctrl-C): 130 for SIGINT, 143 for SIGTERM.
 */
export const EXIT = {
  ok: 0,
  measurementError: 1,
  usage: 2,
  regression: 3,
  inconclusive: 4,
  interrupted: 130,
  terminated: 143,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class WasmbenchError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT.measurementError,
    /** What the user can do about it. */
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'WasmbenchError';
  }
}

/** Bad command-line usage or configuration: exit 2. */
export class UsageError extends WasmbenchError {
  constructor(message: string, hint?: string) {
    super(message, EXIT.usage, hint);
    this.name = 'UsageError';
  }
}

/** An unknown name among a closed set: says which names are valid. */
export function unknownName(what: string, given: string, valid: readonly string[]): UsageError {
  return new UsageError(`unknown ${what} "${given}"`, `valid ${what}s: ${valid.join(', ')}`);
}

/** Render any thrown value for the terminal. */
export function formatError(err: unknown): string {
  if (err instanceof WasmbenchError) {
    return err.hint ? `error: ${err.message}\n  fix: ${err.hint}` : `error: ${err.message}`;
  }
  if (err instanceof Error) return `error: ${err.message}`;
  return `error: ${String(err)}`;
}
