/**
 * A compact per-case digest for readers of results.json: overshoot median and
 * tail, early wakeups and drift, next to what the runtime is known to do.
 */
import type { Analysis, CaseResult, MetricResult } from '../../core/results/model.ts';
import { metricCount, metricDistribution } from '../../core/results/metric-view.ts';

/** Values below 0; from the buckets (within 3 significant digits of 0) when the metric is histogram-stored. */
function earlyCount(m: MetricResult | undefined, where: string): number {
  if (!m || metricCount(m) === 0) return 0;
  if (m.storage !== 'histogram') return m.samples.filter((ns) => ns < 0).length;
  if ((m.exact?.min ?? 0) >= 0) return 0;
  const d = metricDistribution(m, where);
  let lo = 0;
  let hi = d.count;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (d.orderStatistic(mid) < 0) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function sleepAnalyses(cases: readonly CaseResult[]): Analysis[] {
  const rows = cases
    .filter((c) => c.status === 'ok')
    .map((c) => {
      const overshoot = c.metrics.overshootNs;
      const drift = c.metrics.driftNs;
      const governing = c.params.governing as { sleepNotes?: { roundsToMs?: boolean | 'unknown' } } | undefined;
      return {
        caseId: c.id,
        wakeups: metricCount(overshoot),
        medianOvershootNs: overshoot?.summary?.median ?? null,
        p99OvershootNs: overshoot?.summary?.p99 ?? null,
        maxOvershootNs: overshoot?.summary?.max ?? null,
        earlyWakeups: earlyCount(overshoot, `case ${c.id} metric overshootNs`),
        medianDriftNs: drift?.summary?.median ?? null,
        roundsToMs: governing?.sleepNotes?.roundsToMs ?? 'unknown',
      };
    });
  return rows.length ? [{ kind: 'sleep-jitter-digest', rows }] : [];
}
