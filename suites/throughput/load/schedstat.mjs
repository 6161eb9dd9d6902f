// How long this process's main thread ran and waited for a CPU, from
// /proc/self/schedstat (Linux; zeros elsewhere). Waiting time matters: a load
// generator starved of CPU by other processes is as client-bound as a busy one.
import { readFileSync } from 'node:fs';

export function schedstat() {
  try {
    const [runNs, waitNs] = readFileSync('/proc/self/schedstat', 'utf8').trim().split(/\s+/).map(Number);
    return { runNs, waitNs, known: true };
  } catch {
    return { runNs: 0, waitNs: 0, known: false };
  }
}

/** Run-queue wait between two readings, or null when /proc has no schedstat. */
export function runDelayNs(before, after) {
  return before.known && after.known ? after.waitNs - before.waitNs : null;
}
