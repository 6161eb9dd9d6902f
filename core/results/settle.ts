/**
 * How a case ends, decided once for the recorder (from the loop's report)
 * and for a killed run's recovery (from samples.jsonl): failed samples make
 * it errored; a run cut short (Ctrl-C, a kill) marks it `incomplete` and
 * keeps what was measured, so `gate --allow-incomplete` can still use it.
 */
import type { CaseResult } from './schema.ts';

export interface CaseOutcome {
  /** Measured samples that succeeded. */
  measured: number;
  /** Measured samples that failed. */
  errors: number;
  /** Why sampling stopped early: the loop's reason, `interrupted` (Ctrl-C) or `killed` (recovered run); null when it finished. */
  stoppedReason: string | null;
}

const CUT_SHORT: Record<string, string> = { interrupted: 'the run was interrupted', killed: 'the run was killed' };

export function settleCase(result: CaseResult, outcome: CaseOutcome): void {
  if (result.status !== 'ok') return;
  const { measured, errors, stoppedReason } = outcome;
  const cutShort = stoppedReason === null ? undefined : CUT_SHORT[stoppedReason];
  if (cutShort) {
    result.incomplete = true;
    const warning = `incomplete: ${cutShort} after ${measured + errors} of ${result.iterations ?? 'its planned'} samples of this case`;
    if (!result.warnings.includes(warning)) result.warnings.push(warning);
  }
  if (errors === 0 && measured > 0 && (cutShort || stoppedReason === null)) return;
  result.status = 'errored';
  if (errors > 0)
    result.reason =
      stoppedReason && !cutShort
        ? stoppedReason
        : `${errors} of ${errors + measured} samples failed (first: ${result.errors[0]?.message ?? 'none'})`;
  else
    result.reason = cutShort
      ? `${cutShort} before this case had a sample`
      : (stoppedReason ?? 'no sample was measured');
}
