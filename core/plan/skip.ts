/**
 * Why a case is not measured, as data. The planner and suites produce
 * these; `skipSentence` is the one place they become the sentence kept in a
 * skipped case's `reason` (the results file has always carried one).
 */
import type { CacheState, Mode } from '../../runners/types.ts';

export const SKIP_KINDS = [
  'not-installed',
  'broken',
  'mode-unsupported',
  'nothing-selected',
  'workload-unsupported',
  'unavailable',
] as const;
export type SkipKind = (typeof SKIP_KINDS)[number];

export interface SkipReason {
  /**
   * not-installed: the runtime was not found;
   * broken: it was found but failed its probe (detail: the output, signal or timeout);
   * mode-unsupported: this build lacks the tier;
   * nothing-selected: none of the selected modes / cache states exists on this runtime;
   * workload-unsupported: the runtime cannot run this workload (e.g. no native twin);
   * unavailable: anything else that stops one case (e.g. a tool a variant needs).
   */
  kind: SkipKind;
  runtime: string;
  mode?: Mode;
  modeName?: string;
  cacheState?: CacheState;
  workload?: string;
  /** The runtime's or the check's own words. */
  detail: string;
  /** How to make the case runnable, where known. */
  install?: string;
  /** nothing-selected: what was asked for, and what the runtime has. */
  selectedModes?: string[];
  selectedCacheStates?: string[];
  availableModes?: string[];
}

function selection(reason: SkipReason): string {
  const parts: string[] = [];
  if (reason.selectedModes) parts.push(`modes (${reason.selectedModes.join(', ')})`);
  if (reason.selectedCacheStates) parts.push(`cache states (${reason.selectedCacheStates.join(', ')})`);
  return parts.length ? parts.join('/') : 'modes/cache states';
}

/** The sentence a skipped case records as its `reason`. */
export function skipSentence(reason: SkipReason): string {
  switch (reason.kind) {
    case 'not-installed':
      return `skipped: not installed: ${reason.detail}${reason.install ? `; ${reason.install}` : ''}`;
    case 'broken':
      return `skipped: installed but broken: ${reason.detail}${reason.install ? `; ${reason.install}` : ''}`;
    case 'mode-unsupported':
      return `skipped: this ${reason.runtime} build lacks ${reason.modeName ?? reason.mode}: ${reason.detail}`;
    case 'nothing-selected':
      return `skipped: none of the selected ${selection(reason)} is supported by ${reason.runtime} (it has ${(reason.availableModes ?? []).join(', ')})`;
    case 'workload-unsupported':
      return `skipped: ${reason.runtime} cannot run ${reason.workload ?? 'this workload'}: ${reason.detail}`;
    case 'unavailable':
      return reason.detail.startsWith('skipped: ') ? reason.detail : `skipped: ${reason.detail}`;
  }
}
