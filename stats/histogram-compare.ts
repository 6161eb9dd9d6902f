/**
 * Ratio of medians head/base when a side is stored as an HDR histogram (no
 * raw samples in the results file), with a bootstrap interval that needs no
 * resampling of millions of values.
 *
 * The median of n values drawn with replacement from the empirical
 * distribution F is F⁻¹(U), where U ~ Beta(m, n − m + 1) is the m-th order
 * statistic of n uniforms (m = ⌈n/2⌉). So each bootstrap replicate draws one
 * Beta variate per side from the seeded rng and reads that quantile from the
 * buckets: O(resamples · log buckets), whatever n is. Percentile interval as
 * in stats/random.ts; then widened by the histogram's precision (2^-10 per
 * side), so it never claims more than the buckets can tell.
 *
 * Pure: randomness only through the injected rng.
 *
 * @module
 */
import type { Rng } from './random.ts';
import { quantile } from './summary.ts';
import { binQuantile, HISTOGRAM_RELATIVE_PRECISION, orderStatistic, type HistogramBins } from './histogram-bins.ts';
import type { MedianRatioCI } from './random.ts';

/** What the comparison needs of one side: its size, quantiles and order statistics. */
export interface Distribution {
  count: number;
  /** Quantile p in [0, 1] (type 7). */
  quantile(p: number): number;
  /** k-th smallest value, 1-based. */
  orderStatistic(k: number): number;
  /** Relative precision of its values: 0 for raw samples. */
  precision: number;
}

export function distributionOfBins(bins: HistogramBins): Distribution {
  return {
    count: bins.count,
    quantile: (p) => binQuantile(bins, p),
    orderStatistic: (k) => orderStatistic(bins, k),
    precision: HISTOGRAM_RELATIVE_PRECISION,
  };
}

export function distributionOfSamples(samples: readonly number[]): Distribution {
  const sorted = Float64Array.from(samples).sort();
  return {
    count: sorted.length,
    quantile: (p) => quantile(sorted as unknown as number[], p),
    orderStatistic: (k) => sorted[Math.min(sorted.length, Math.max(1, Math.ceil(k))) - 1],
    precision: 0,
  };
}

/** A standard normal variate (Box-Muller, one of the pair). */
function normal(rng: Rng): number {
  const u = 1 - rng(); // (0, 1]: log(0) never happens
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** Gamma(shape ≥ 1) variate by Marsaglia and Tsang (2000). */
function gamma(shape: number, rng: Rng): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(rng);
    const v = (1 + c * x) ** 3;
    if (v <= 0) continue;
    if (Math.log(1 - rng()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** Uniform order statistic m of n: Beta(m, n − m + 1). */
function betaOrder(m: number, n: number, rng: Rng): number {
  const x = gamma(m, rng);
  return x / (x + gamma(n - m + 1, rng));
}

/** One bootstrap replicate of a side's median. */
function resampledMedian(d: Distribution, rng: Rng): number {
  const m = Math.ceil(d.count / 2);
  return d.orderStatistic(Math.ceil(betaOrder(m, d.count, rng) * d.count));
}

/**
 * @throws RangeError when a side is empty or its median is not > 0 (checked by the caller's ratioComparable).
 */
export function distributionMedianRatioCI(
  base: Distribution,
  head: Distribution,
  options: { resamples: number; confidence: number; rng: Rng },
): MedianRatioCI {
  if (base.count === 0 || head.count === 0) throw new RangeError('distributionMedianRatioCI: a side has no values');
  const ratio = head.quantile(0.5) / base.quantile(0.5);
  if (!(base.quantile(0.5) > 0)) throw new RangeError('distributionMedianRatioCI: base median must be > 0');
  const ratios = new Float64Array(options.resamples);
  for (let r = 0; r < options.resamples; r++)
    ratios[r] = resampledMedian(head, options.rng) / resampledMedian(base, options.rng);
  ratios.sort();
  const alpha = 1 - options.confidence;
  const slack = base.precision + head.precision;
  const sorted = ratios as unknown as number[];
  return { ratio, lo: quantile(sorted, alpha / 2) * (1 - slack), hi: quantile(sorted, 1 - alpha / 2) * (1 + slack) };
}
