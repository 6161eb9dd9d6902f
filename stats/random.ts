/**
 * Reproducible randomness for the harness: run-order shuffling and bootstrap
 * resampling. Nothing in stats/ calls Math.random — randomness is always an
 * injected `() => number` so that a run can be replayed from its seed and the
 * tests can pin exact outputs.
 *
 * @module
 */
import { medianSorted, quantile } from './summary.ts';

/** A source of uniform numbers in [0, 1), e.g. from {@link createRng}. */
export type Rng = () => number;

/** Options for {@link bootstrapMedianRatioCI}. */
export interface BootstrapOptions {
  /** Number of bootstrap resamples (integer ≥ 1; 10 000 is a common choice). */
  resamples: number;
  /** Two-sided confidence level in (0, 1), e.g. 0.95 or 0.99. */
  confidence: number;
  /** Injected PRNG; the result is a pure function of the inputs and this stream. */
  rng: Rng;
}

/** Point estimate and percentile-bootstrap interval for median(head) / median(base). */
export interface MedianRatioCI {
  /** median(head) / median(base) on the full samples (< 1: head is faster for durations). */
  ratio: number;
  /** Lower bound of the interval. */
  lo: number;
  /** Upper bound of the interval. */
  hi: number;
}

/**
 * Seeded PRNG: mulberry32 (Tommy Ettinger's 32-bit generator), chosen because
 * it is a few lines, fast, widely reimplemented (so a run's order can be
 * replayed from its seed in any language), and statistically adequate for
 * shuffling run order and bootstrap resampling. Its period is 2^32, ample for
 * ~10^4 resamples of ~10^4 samples; it is not cryptographic, and (like any
 * 32-bit-state generator) not meant for jobs drawing billions of numbers.
 *
 * @param seed any integer; only its low 32 bits are used (`seed >>> 0`).
 * @returns a function yielding uniform numbers in [0, 1), multiples of 2^−32.
 * @throws RangeError if `seed` is not an integer (a fractional seed would be
 *   silently truncated and two "different" seeds would collide).
 */
export function createRng(seed: number): Rng {
  if (!Number.isInteger(seed)) throw new RangeError(`createRng: seed must be an integer, got ${seed}`);
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Fisher–Yates (Durstenfeld) shuffle into a new array: for i from n−1 down to
 * 1, swap item i with item ⌊rng()·(i+1)⌋. Uses exactly n − 1 draws, so the
 * permutation is a fixed function of the seed.
 *
 * @param items the items to shuffle (not modified).
 * @param rng source of uniform numbers in [0, 1).
 * @returns a shuffled copy.
 */
export function shuffle<T>(items: readonly T[], rng: Rng): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = out[i];
    out[i] = out[j];
    out[j] = tmp;
  }
  return out;
}

/**
 * Confidence interval for the ratio of medians head/base by the percentile
 * bootstrap: each resample draws |base| values from base and then |head|
 * values from head, with replacement and independently (base and head are
 * separate runs, not pairs), and takes the ratio of their medians. The bounds
 * are the (1 − c)/2 and (1 + c)/2 quantiles ({@link quantile}, type 7) of the
 * sorted resampled ratios; `ratio` is the full-sample estimate, not a
 * bootstrap average.
 *
 * A ratio of medians needs a positive denominator in EVERY resample, and a
 * resample's median can be any base value, so all base samples must be > 0.
 * For data that can be negative (e.g. wakeup drift), compare differences.
 *
 * Only base samples all equal and head samples all equal give a degenerate
 * interval (lo = hi = ratio); identical but varying arrays give an interval
 * around 1 — the honest "no significant difference".
 *
 * @param base baseline samples (all > 0).
 * @param head candidate samples (any finite values).
 * @param options resample count, confidence level, injected PRNG.
 * @returns point estimate and interval, with lo ≤ hi.
 * @throws RangeError on empty input, non-finite samples, a base sample ≤ 0,
 *   or invalid options.
 */
export function bootstrapMedianRatioCI(
  base: readonly number[],
  head: readonly number[],
  options: BootstrapOptions,
): MedianRatioCI {
  const { resamples, confidence, rng } = options;
  checkInputs(base, head, resamples, confidence);
  const baseSorted = Float64Array.from(base).sort();
  const headSorted = Float64Array.from(head).sort();
  const ratio = medianSorted(headSorted) / medianSorted(baseSorted);

  const baseBuf = new Float64Array(base.length);
  const headBuf = new Float64Array(head.length);
  const ratios: number[] = new Array(resamples);
  for (let r = 0; r < resamples; r++) {
    resampleInto(baseBuf, base, rng);
    resampleInto(headBuf, head, rng);
    ratios[r] = medianSorted(headBuf.sort()) / medianSorted(baseBuf.sort());
  }
  ratios.sort((a, b) => a - b);
  const alpha = 1 - confidence;
  return { ratio, lo: quantile(ratios, alpha / 2), hi: quantile(ratios, 1 - alpha / 2) };
}

/** Fill `buf` with |from| draws, with replacement, from `from`. */
function resampleInto(buf: Float64Array, from: readonly number[], rng: Rng): void {
  const n = from.length;
  for (let i = 0; i < n; i++) buf[i] = from[Math.floor(rng() * n)];
}

/** Validate inputs up front so a bad gate config fails with a clear message, not NaN bounds. */
function checkInputs(base: readonly number[], head: readonly number[], resamples: number, confidence: number): void {
  if (base.length === 0 || head.length === 0) {
    throw new RangeError('bootstrapMedianRatioCI: base and head each need at least one sample');
  }
  if (!base.every((v) => Number.isFinite(v) && v > 0)) {
    throw new RangeError(
      'bootstrapMedianRatioCI: every base sample must be a finite number > 0 for a ratio of medians; compare differences instead',
    );
  }
  if (!head.every(Number.isFinite)) throw new RangeError('bootstrapMedianRatioCI: head samples must be finite');
  if (!(Number.isInteger(resamples) && resamples >= 1)) {
    throw new RangeError(`bootstrapMedianRatioCI: resamples must be an integer >= 1, got ${resamples}`);
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`bootstrapMedianRatioCI: confidence must be in (0, 1), got ${confidence}`);
  }
}
