/**
 * A workload's expected stderr (a Sightglass `<name>.stderr.expected`),
 * checked like its stdout, but only where the guest's stderr can be told
 * apart from the runtime's own lines (RuntimeAdapter.guestStderr). Elsewhere
 * nothing is compared and the case's notes say so and why: a check against
 * a stream that mixes in the runtime's lines would be no check at all.
 */
import type { Workload } from '../core/workloads/types.ts';
import type { AvailableRuntime, RuntimeAdapter } from '../runners/types.ts';
import { firstDifference } from './guest-sample.ts';

export interface StderrCheck {
  /** For the case's notes: why stderr is not checked on this runtime; null when it is, or there is nothing to check. */
  note: string | null;
  /** Why a sample's stderr fails the check, or null when it passes (or is not checked). */
  mismatch(stderr: string): string | null;
}

const NOTHING_TO_CHECK: StderrCheck = { note: null, mismatch: () => null };

export function stderrCheck(adapter: RuntimeAdapter, runtime: AvailableRuntime, workload?: Workload): StderrCheck {
  const expected = workload?.expectedStderr;
  if (expected === undefined || workload?.check === 'ignore') return NOTHING_TO_CHECK;
  const file = workload?.expectedStderrFile ?? 'the expected stderr';
  const guest = adapter.guestStderr?.(runtime) ?? {
    unchecked: `its adapter does not say how to tell ${runtime.id}'s own stderr lines from the guest's`,
  };
  if (typeof guest !== 'function')
    return { note: `stderr not checked against ${file} on ${runtime.id}: ${guest.unchecked}`, mismatch: () => null };
  return {
    note: null,
    mismatch(stderr) {
      const text = guest(stderr);
      return text === expected ? null : `stderr differs from ${file} (${firstDifference(expected, text)})`;
    },
  };
}
