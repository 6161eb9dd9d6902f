/**
 * Which runtimes can run which user workload, shared by every suite that
 * runs workloads (startup, and throughput's cgi variant): the planner turns
 * a reason into a structured `workload-unsupported` skip.
 */
import type { Workload } from '../core/workloads/types.ts';
import type { AvailableHandle } from './types.ts';

/** Why a runtime cannot run this workload, or null when it can. */
export function workloadSkipReason(handle: AvailableHandle, workload: Workload): string | null {
  const unsupported = handle.adapter.workloadUnsupported?.(workload);
  if (unsupported) return unsupported;
  const id = handle.detection.id;
  const extras = [
    workload.dirs.length ? 'preopened dirs' : '',
    Object.keys(workload.env).length ? 'guest env' : '',
  ].filter(Boolean);
  if (!extras.length) return null;
  const support = handle.adapter.guestOptions?.(handle.detection);
  if (!support) return `wasmbench does not pass ${extras.join(' or ')} to ${id} (the workload sets them)`;
  return support.passes ? null : `the workload sets ${extras.join(' and ')}: ${support.reason}`;
}

/** Why the workload's read-only dirs are preopened read-write on this runtime, or undefined (none asked, or honoured). */
export function readWriteNote(handle: AvailableHandle, workload: Workload): string | undefined {
  if (!workload.dirs.some((d) => !d.writable)) return undefined;
  const support = handle.adapter.guestOptions?.(handle.detection);
  return support?.passes ? support.readWriteOnly : undefined;
}
