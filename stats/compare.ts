/**
 * Comparing one metric between a base and a head run: the ratio of medians
 * with a bootstrap confidence interval, turned into "faster", "slower" or
 * "no significant difference".
 *
 * Pure: randomness only through the injected seeded {@link Rng}, so the same
 * inputs and seed give the same interval on every machine.
 *
 * @module
 */
import { bootstrapMedianRatioCI, type MedianRatioCI, type Rng } from './random.ts';
import { median, medianSorted, quantile } from './summary.ts';
import { distributionMedianRatioCI, type Distribution } from './histogram-compare.ts';

/** Which way is better for a metric: durations and bytes shrink, rates grow. */
export type Direction = 'lower-is-better' | 'higher-is-better';

/** `faster` means better in the metric's direction (shorter time, more req/s). */
export type ChangeVerdict = 'faster' | 'slower' | 'no significant difference';

/** Options for {@link compareMedians}. */
export interface CompareOptions {
  direction: Direction;
  /** Bootstrap resamples. @default 4000 */
  resamples?: number;
  /** Two-sided confidence level. @default 0.95 */
  confidence?: number;
  rng: Rng;
  /**
   * Samples are paired by index (taken in the same round, or the very same
   * measurement): resample whole rounds, so drift shared by a round cancels.
   * Needs equal lengths. @default false
   */
  paired?: boolean;
}

export interface MedianComparison {
  /** median(head) / median(base), as measured. */
  ratio: number;
  /** Bootstrap interval of `ratio`. */
  lo: number;
  hi: number;
  /**
   * The same figures turned so that > 1 is always worse ("slowdown factor"):
   * the ratio itself for lower-is-better metrics, its inverse for rates.
   */
  worse: { ratio: number; lo: number; hi: number };
  baseMedian: number;
  headMedian: number;
  nBase: number;
  nHead: number;
  confidence: number;
  /** Whether rounds were resampled in pairs. */
  paired: boolean;
  verdict: ChangeVerdict;
  /**
   * `histogram` when a side was stored as an HDR histogram: medians and the
   * interval come from its buckets (3 significant digits); see stats/histogram-compare.ts.
   * Absent for the exact path over raw samples.
   */
  source?: 'histogram';
}

export const DEFAULT_RESAMPLES = 4000;
export const DEFAULT_CONFIDENCE = 0.95;

/**
 * Ratio of medians head/base with a percentile-bootstrap interval
 * ({@link bootstrapMedianRatioCI}); the verdict is `faster`/`slower` only
 * when the interval excludes 1, else "no significant difference".
 *
 * @throws RangeError when a side is empty or a base sample is ≤ 0 (a ratio of
 *   medians is undefined there); check with {@link ratioComparable} first.
 */
export function compareMedians(
  base: readonly number[],
  head: readonly number[],
  options: CompareOptions,
): MedianComparison {
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE;
  const bootstrap = { resamples: options.resamples ?? DEFAULT_RESAMPLES, confidence, rng: options.rng };
  const paired = options.paired ?? false;
  const ci = paired ? pairedMedianRatioCI(base, head, bootstrap) : bootstrapMedianRatioCI(base, head, bootstrap);
  return comparison(ci, options.direction, {
    baseMedian: median(base),
    headMedian: median(head),
    nBase: base.length,
    nHead: head.length,
    confidence,
    paired,
  });
}

/**
 * {@link compareMedians} for sides given as distributions (at least one an
 * HDR histogram): never paired, since a histogram has no sample order.
 */
export function compareDistributionMedians(
  base: Distribution,
  head: Distribution,
  options: CompareOptions,
): MedianComparison {
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE;
  const ci = distributionMedianRatioCI(base, head, {
    resamples: options.resamples ?? DEFAULT_RESAMPLES,
    confidence,
    rng: options.rng,
  });
  const figures = {
    baseMedian: base.quantile(0.5),
    headMedian: head.quantile(0.5),
    nBase: base.count,
    nHead: head.count,
    confidence,
    paired: false,
  };
  return { ...comparison(ci, options.direction, figures), source: 'histogram' };
}

type Figures = Pick<MedianComparison, 'baseMedian' | 'headMedian' | 'nBase' | 'nHead' | 'confidence' | 'paired'>;

function comparison(ci: MedianRatioCI, direction: Direction, figures: Figures): MedianComparison {
  const worse =
    direction === 'lower-is-better'
      ? { ratio: ci.ratio, lo: ci.lo, hi: ci.hi }
      : { ratio: invert(ci.ratio), lo: invert(ci.hi), hi: invert(ci.lo) };
  return {
    ...ci,
    worse,
    ...figures,
    verdict: worse.lo > 1 ? 'slower' : worse.hi < 1 ? 'faster' : 'no significant difference',
  };
}

/** Why a ratio of medians cannot be formed for these samples, or null when it can. */
export function ratioComparable(base: readonly number[], head: readonly number[]): string | null {
  if (base.length === 0) return 'no base samples';
  if (head.length === 0) return 'no head samples';
  if (!base.every((v) => Number.isFinite(v) && v > 0))
    return 'base has samples <= 0: a ratio of medians is undefined (compare differences instead)';
  if (!head.every((v) => Number.isFinite(v) && v >= 0))
    return 'head has negative or non-finite samples: a ratio of medians is undefined';
  return null;
}

/** 1/x, keeping a zero head median (an infinitely fast rate drop) as +Infinity. */
function invert(x: number): number {
  return x === 0 ? Number.POSITIVE_INFINITY : 1 / x;
}

/**
 * Percentile bootstrap over ROUNDS: each resample draws n round indices with
 * replacement and takes median(head[idx]) / median(base[idx]). Identical
 * arrays (a run compared with itself) give exactly [1, 1]. Same contract as
 * {@link bootstrapMedianRatioCI}: base samples must be > 0.
 *
 * @throws RangeError on unequal lengths, empty input or a base sample <= 0.
 */
export function pairedMedianRatioCI(
  base: readonly number[],
  head: readonly number[],
  options: { resamples: number; confidence: number; rng: Rng },
): MedianRatioCI {
  const n = base.length;
  if (n === 0 || head.length !== n)
    throw new RangeError(`pairedMedianRatioCI: need equal, non-empty sample counts, got ${n} and ${head.length}`);
  if (!base.every((v) => Number.isFinite(v) && v > 0))
    throw new RangeError('pairedMedianRatioCI: every base sample must be a finite number > 0');
  const b = new Float64Array(n);
  const h = new Float64Array(n);
  const ratios: number[] = new Array(options.resamples);
  for (let r = 0; r < options.resamples; r++) {
    for (let i = 0; i < n; i++) {
      const k = Math.floor(options.rng() * n);
      b[i] = base[k];
      h[i] = head[k];
    }
    ratios[r] = medianSorted(h.sort()) / medianSorted(b.sort());
  }
  ratios.sort((x, y) => x - y);
  const alpha = 1 - options.confidence;
  return { ratio: median(head) / median(base), lo: quantile(ratios, alpha / 2), hi: quantile(ratios, 1 - alpha / 2) };
}
