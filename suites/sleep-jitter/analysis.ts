/**
 * A compact per-case digest for readers of results.json: overshoot median and
 * tail, early wakeups and drift, next to what the runtime is known to do.
 */
import type { Analysis, CaseResult } from '../../core/results/model.ts';

export function sleepAnalyses(cases: readonly CaseResult[]): Analysis[] {
  const rows = cases.filter((c) => c.status === 'ok').map((c) => {
    const overshoot = c.metrics.overshootNs;
    const drift = c.metrics.driftNs;
    const governing = c.params.governing as { sleepNotes?: { roundsToMs?: boolean | 'unknown' } } | undefined;
    return {
      caseId: c.id,
      wakeups: overshoot?.samples.length ?? 0,
      medianOvershootNs: overshoot?.summary?.median ?? null,
      p99OvershootNs: overshoot?.summary?.p99 ?? null,
      maxOvershootNs: overshoot?.summary?.max ?? null,
      earlyWakeups: overshoot?.samples.filter((ns) => ns < 0).length ?? 0,
      medianDriftNs: drift?.summary?.median ?? null,
      roundsToMs: governing?.sleepNotes?.roundsToMs ?? 'unknown',
    };
  });
  return rows.length ? [{ kind: 'sleep-jitter-digest', rows }] : [];
}
