/**
 * Percentile plots on a "nines" axis (90 %, 99 %, 99.9 % equally spaced),
 * shared by the sleep-jitter and throughput charts: the axis positions and
 * labels, and reading a metric's value at a percentile.
 */
import { metricDistribution } from '../../core/results/metric-view.ts';
import type { MetricResult } from '../../core/results/model.ts';
import { decodeHistogram } from '../../stats/histogram.ts';
import { quantile } from '../../stats/summary.ts';

/** Spacing of the percentile grid, in nines (0.05 nines ≈ 60 points per decade of tail). */
export const NINES_STEP = 0.05;

/** Percentile (0..100) at a "nines" position: 0 → 0 %, 1 → 90 %, 2 → 99 %, 3 → 99.9 %. */
export function percentileAtNines(nines: number): number {
  return 100 * (1 - 10 ** -nines);
}

/** Vega expression labelling a nines axis tick as a percentile ("99.9%"). */
export const NINES_LABEL_EXPR =
  "datum.value == 0 ? '0%' : format(100 * (1 - pow(10, -datum.value)), '.' + max(0, round(datum.value) - 2) + 'f') + '%'";

/** The x encoding of a percentile plot: field `nines`, from 0 to `topNines`, a tick per nine, labelled as percentiles. */
export function ninesX(topNines: number) {
  return {
    field: 'nines',
    type: 'quantitative' as const,
    scale: { domain: [0, topNines], nice: false },
    title: 'percentile (nines scale)',
    axis: { values: Array.from({ length: topNines + 1 }, (_, i) => i), labelExpr: NINES_LABEL_EXPR },
  };
}

/**
 * Value at percentile `p` from the HDR histogram when there is one (what the
 * .hgrm files hold), else from the raw samples.
 */
export function percentileReader(metric: MetricResult): (p: number) => number {
  if (metric.storage === 'histogram') {
    const d = metricDistribution(metric, 'metric');
    return (p) => d.quantile(p / 100);
  }
  if (metric.histogram) {
    const h = decodeHistogram(metric.histogram);
    return (p) => h.percentile(p);
  }
  const sorted = [...metric.samples].sort((a, b) => a - b);
  return (p) => quantile(sorted, p / 100);
}

/** The deepest percentile the samples support: p = 1 − 1/n, in nines (log10 n). */
export function maxNines(count: number): number {
  return Math.max(1, Math.log10(count));
}
