// Rejects requests that would misbehave silently: Node turns a setTimeout
// beyond 2^31-1 ms (or Infinity/NaN) into 1 ms, and an empty argv has no program.
import { WasmbenchError } from '../errors.ts';
import type { ProcessRequest } from './types.ts';

/** Largest timeout both timers honour (their backup timers add a few seconds). */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1 - 60_000;

export function assertValidRequest(req: ProcessRequest): void {
  if (req.argv.length === 0 || !req.argv[0]) {
    throw new WasmbenchError('process request has an empty argv', undefined, 'pass the program as argv[0]');
  }
  if (!Number.isFinite(req.timeoutMs) || req.timeoutMs <= 0 || req.timeoutMs > MAX_TIMEOUT_MS) {
    throw new WasmbenchError(
      `process timeout ${req.timeoutMs} ms is out of range`,
      undefined,
      `use 1..${MAX_TIMEOUT_MS} ms`,
    );
  }
}
