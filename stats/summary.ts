/**
 * Descriptive summary of one metric's samples: order statistics first (median,
 * quantiles, MAD), moments second, and a distribution-free 95% confidence
 * interval for the median.
 *
 * Pure: no I/O, no clock, no randomness. Samples are kept as given — a negative
 * value (e.g. a timer that woke up early) is real data and keeps its sign in
 * every field.
 *
 * @module
 */
import { mean as ssMean, medianAbsoluteDeviation, quantileSorted, sampleStandardDeviation } from 'simple-statistics';

/** Summary of one metric, as stored under `metrics.<name>.summary` in results.json. */
export interface Summary {
  /** Number of samples. */
  n: number;
  /** Smallest sample (may be negative). */
  min: number;
  /** Median, by {@link quantile} at p = 0.5 (mean of the two middle values for even n). */
  median: number;
  /** Arithmetic mean (simple-statistics `mean`, compensated summation). */
  mean: number;
  /** 90th percentile by {@link quantile}. */
  p90: number;
  /** 99th percentile by {@link quantile}. */
  p99: number;
  /** 99.9th percentile by {@link quantile}. */
  p999: number;
  /** Largest sample. */
  max: number;
  /**
   * Median absolute deviation, UNSCALED: median(|x − median(x)|), as computed
   * by simple-statistics `medianAbsoluteDeviation`. Multiply by 1.4826 for a
   * normal-consistent estimate of σ; we do not, so the number stays in the
   * samples' own unit and is exactly reproducible by hand.
   */
  mad: number;
  /** Sample standard deviation (Bessel-corrected, n − 1); 0 when n = 1. */
  stddev: number;
  /**
   * Distribution-free 95% CI for the median: the order statistics
   * [x₍k₎, x₍n−k+1₎] (1-based) for the largest k whose exact binomial coverage
   * is ≥ 0.95. `null` when n < 6 (even [min, max] covers less than 95%).
   */
  ci95: [number, number] | null;
  /** How {@link Summary.ci95} was computed; a constant so readers need not guess. */
  ciMethod: 'exact-binomial-order-statistic';
  /** The exact coverage 1 − 2·P(Bin(n, ½) ≤ k − 1) of `ci95` (≥ 0.95), or null with it. */
  ciCoverage: number | null;
}

/** Nominal confidence level of {@link Summary.ci95}. */
const CI_LEVEL = 0.95;

/** Renormalise scaled binomial sums by 2^500: exact, and far from overflow (2^1024). */
const RESCALE_BITS = 500;
const RESCALE = 2 ** RESCALE_BITS;

/**
 * Quantile of already-sorted samples by linear interpolation between order
 * statistics — Hyndman & Fan type 7, the default of R `quantile` and NumPy
 * `percentile`: with h = (n − 1)·p (0-based), the result is
 * x[⌊h⌋] + (h − ⌊h⌋)·(x[⌈h⌉] − x[⌊h⌋]). Delegates to simple-statistics
 * `quantileSorted` (≥ 7.12 implements exactly this).
 *
 * Chosen because it is the method people reproduce with NumPy/R when they
 * check our numbers, and it never returns a value outside [min, max].
 *
 * @param sortedAsc samples sorted ascending (not checked: sorting is the caller's
 *   job so that one sort serves many quantiles).
 * @param p probability in [0, 1].
 * @returns the interpolated quantile.
 * @throws RangeError if `sortedAsc` is empty or `p` is outside [0, 1] or NaN.
 */
export function quantile(sortedAsc: readonly number[], p: number): number {
  if (sortedAsc.length === 0) throw new RangeError('quantile: no samples; pass at least one value');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile: p must be in [0, 1], got ${p}`);
  return quantileSorted(sortedAsc, p);
}

/** Median of a non-empty series in any order (does not modify it): {@link quantile} at p = 0.5. */
export function median(values: readonly number[]): number {
  return quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

/**
 * Median of an ascending series (e.g. a sorted typed array in the bootstrap
 * loops, whose numeric `sort()` is several times faster) with the same type-7
 * formula as simple-statistics `quantileSorted(x, 0.5)`, so full-sample and
 * bootstrap medians agree bit for bit with {@link quantile}.
 */
export function medianSorted(x: ArrayLike<number>): number {
  const mid = (x.length - 1) / 2;
  const lo = Math.floor(mid);
  return lo === mid ? x[lo] : x[lo] + (mid - lo) * (x[lo + 1] - x[lo]);
}

/**
 * Summarise a metric's samples.
 *
 * @param samples raw samples in their measured order (not modified).
 * @returns the {@link Summary}, or `null` for an empty array (nothing measured
 *   is not the same as "zero").
 * @throws RangeError if any sample is NaN or ±Infinity — a broken measurement
 *   must be fixed at the source, not averaged in.
 */
export function summarize(samples: readonly number[]): Summary | null {
  const n = samples.length;
  if (n === 0) return null;
  assertFinite(samples);
  const sorted = [...samples].sort((a, b) => a - b);
  const ci = medianCi(n);
  return {
    n,
    min: sorted[0],
    median: quantile(sorted, 0.5),
    mean: ssMean(sorted),
    p90: quantile(sorted, 0.9),
    p99: quantile(sorted, 0.99),
    p999: quantile(sorted, 0.999),
    max: sorted[n - 1],
    mad: medianAbsoluteDeviation(sorted),
    // simple-statistics throws for n < 2; one sample has no spread to report.
    stddev: n === 1 ? 0 : sampleStandardDeviation(sorted),
    ci95: ci === null ? null : [sorted[ci.k - 1], sorted[n - ci.k]],
    ciMethod: 'exact-binomial-order-statistic',
    ciCoverage: ci === null ? null : ci.coverage,
  };
}

/**
 * Rank k (1-based) and exact coverage of the narrowest symmetric order-statistic
 * interval [x₍k₎, x₍n−k+1₎] for the median with coverage ≥ 95%.
 *
 * Coverage is P(k ≤ B ≤ n − k) = 1 − 2·P(B ≤ k − 1) for B ~ Bin(n, ½), because
 * each sample falls below the true median with probability ½ (continuous
 * distribution assumed; with ties the interval is conservative). It decreases
 * as k grows, so we walk the CDF upward from j = 0 and keep the last k that
 * still qualifies.
 *
 * Exactness: no normal approximation, for any n. Binomial terms are kept as
 * mantissa·2^exponent — the first term 2^−n is exact, each next one is
 * term·(n − j)/(j + 1), and rescaling is by exact powers of two — so
 * underflow (2^−n for n > 1074) and overflow (C(n, j)) never happen and the
 * relative error is about j ulps (≈ 1e−10 at n = 10⁶). For small n the
 * coverage is the exact dyadic rational, e.g. n = 10 → 1 − 2·11/1024.
 * Cost O(n) time, O(1) memory: ~n/2 multiply-adds, a few ms at n = 10⁶.
 *
 * @param n sample count.
 * @returns `{ k, coverage }`, or null when n < 6.
 */
export function medianCi(n: number): { k: number; coverage: number } | null {
  const alphaHalf = (1 - CI_LEVEL) / 2;
  let term = 1; // P(B = j) = term · 2^(exp − n)
  let cdf = 1; // P(B ≤ j) = cdf · 2^(exp − n)
  let exp = 0;
  let best: { k: number; coverage: number } | null = null;
  // P(B ≤ ⌊n/2⌋) ≥ ½, so the loop always breaks before running off the end.
  for (let j = 0; j <= n; j++) {
    if (j > 0) {
      term *= (n - j + 1) / j;
      cdf += term;
      if (cdf > RESCALE) {
        term /= RESCALE;
        cdf /= RESCALE;
        exp += RESCALE_BITS;
      }
    }
    const tail = ldexp(cdf, exp - n); // P(B ≤ j)
    if (tail > alphaHalf) break;
    best = { k: j + 1, coverage: 1 - 2 * tail }; // k − 1 = j still qualifies
  }
  return best;
}

/** x·2^e without the intermediate 2^e under/overflowing (e may be ≈ −10⁶). */
function ldexp(x: number, e: number): number {
  // x < 2^1024, so below this x·2^e < 2^−1076 rounds to 0 anyway; above it each
  // half-step 2^(e/2) ≥ 2^−1050 is still representable.
  if (e < -2100) return 0;
  const half = Math.trunc(e / 2);
  return x * 2 ** half * 2 ** (e - half);
}

/** Reject NaN/±Infinity with the index, so the caller can find the bad sample. */
function assertFinite(samples: readonly number[]): void {
  for (let i = 0; i < samples.length; i++) {
    if (!Number.isFinite(samples[i])) {
      throw new RangeError(`summarize: sample ${i} is ${samples[i]}; samples must be finite numbers`);
    }
  }
}
