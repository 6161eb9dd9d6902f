/**
 * Statistics of a metric stored as an HDR histogram (schemaVersion 2,
 * `summarySource: 'histogram'`): the histogram's non-empty buckets as a
 * sorted, weighted list, and the same {@link Summary} fields the exact path
 * gives, read from it.
 *
 * Precision: every bucket stands for its values at HDR's 3 significant
 * digits (relative width < 1/1024 of the value, so quantiles are within
 * ~0.1% of the exact order statistic); count, min, max and mean come from
 * the exact totals recorded beside the histogram, not from the buckets.
 *
 * Pure: no I/O, no clock.
 *
 * @module
 */
import { decodeFromCompressedBase64, type Histogram, type JsHistogram } from 'hdr-histogram-js';
import type { HistogramRecord } from './histogram.ts';
import type { Summary } from './summary.ts';

/** Non-empty buckets in ascending order, in real (offset-corrected) units. */
export interface HistogramBins {
  /** A representative value per bucket (HDR's median-equivalent value + offset). */
  values: Float64Array;
  counts: Float64Array;
  /** cumulative[i] = counts[0] + ... + counts[i]. */
  cumulative: Float64Array;
  count: number;
}

/** Exact figures recorded beside a histogram (HDR buckets round; these do not). */
export interface ExactTotals {
  count: number;
  min: number;
  max: number;
  sum: number;
}

/** Relative width of an HDR bucket at 3 significant digits: 2^-10 (see stats/histogram.ts). */
export const HISTOGRAM_RELATIVE_PRECISION = 1 / 1024;

/** Buckets of a live histogram whose stored values are (real value − offset). */
export function binsOfHistogram(histogram: Histogram, offset: number): HistogramBins {
  const h = histogram as unknown as JsHistogram;
  const values: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < h.countsArrayLength; i++) {
    const c = h.getCountAtIndex(i);
    if (c > 0) {
      values.push(h.medianEquivalentValue(h.valueFromIndex(i)) + offset);
      counts.push(c);
    }
  }
  const cumulative = new Float64Array(counts.length);
  let total = 0;
  counts.forEach((c, i) => {
    total += c;
    cumulative[i] = total;
  });
  return { values: Float64Array.from(values), counts: Float64Array.from(counts), cumulative, count: total };
}

/**
 * Decode a stored record into bins.
 * @throws Error with the library's reason when `encoded` is not a valid compressed HDR histogram.
 */
export function binsOfRecord(rec: HistogramRecord): HistogramBins {
  if (typeof rec?.encoded !== 'string' || rec.encoded === '') throw new Error('no "encoded" string');
  const histogram = decodeFromCompressedBase64(rec.encoded, 32, false);
  return binsOfHistogram(histogram, Number(rec.offset) || 0);
}

/** The k-th smallest value (1-based rank, clamped to [1, count]). */
export function orderStatistic(bins: HistogramBins, k: number): number {
  const rank = Math.min(Math.max(1, Math.ceil(k)), bins.count);
  let lo = 0;
  let hi = bins.cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bins.cumulative[mid] >= rank) hi = mid;
    else lo = mid + 1;
  }
  return bins.values[lo];
}

/** Quantile p in [0, 1] by the exact path's rule (type 7: interpolate between order statistics). */
export function binQuantile(bins: HistogramBins, p: number): number {
  const h = (bins.count - 1) * p;
  const below = orderStatistic(bins, Math.floor(h) + 1);
  const above = orderStatistic(bins, Math.ceil(h) + 1);
  return below + (h - Math.floor(h)) * (above - below);
}

/** Weighted median of |value − centre| over the bins (the unscaled MAD). */
function binMad(bins: HistogramBins, centre: number): number {
  const order = Array.from(bins.values.keys()).sort(
    (a, b) => Math.abs(bins.values[a] - centre) - Math.abs(bins.values[b] - centre),
  );
  const half = (bins.count + 1) / 2;
  let seen = 0;
  for (const i of order) {
    seen += bins.counts[i];
    if (seen >= half) return Math.abs(bins.values[i] - centre);
  }
  return 0;
}

/**
 * Summary of a histogram-stored metric. The CI is the exact path's
 * distribution-free interval: the same ranks k and n−k+1, read from the
 * buckets. `ranks` gives them (from the exact path's medianCi).
 */
export function summarizeBins(
  bins: HistogramBins,
  exact: ExactTotals,
  ci: { k: number; coverage: number } | null,
): Summary {
  const n = exact.count;
  const mean = exact.sum / n;
  let squares = 0;
  for (let i = 0; i < bins.values.length; i++) squares += bins.counts[i] * (bins.values[i] - mean) ** 2;
  const clamp = (v: number) => Math.min(exact.max, Math.max(exact.min, v));
  const median = clamp(binQuantile(bins, 0.5));
  return {
    n,
    min: exact.min,
    median,
    mean,
    p90: clamp(binQuantile(bins, 0.9)),
    p99: clamp(binQuantile(bins, 0.99)),
    p999: clamp(binQuantile(bins, 0.999)),
    max: exact.max,
    mad: binMad(bins, median),
    stddev: n > 1 ? Math.sqrt(squares / (n - 1)) : 0,
    ci95: ci === null ? null : [clamp(orderStatistic(bins, ci.k)), clamp(orderStatistic(bins, n - ci.k + 1))],
    ciMethod: 'exact-binomial-order-statistic',
    ciCoverage: ci === null ? null : ci.coverage,
  };
}
