/**
 * Outlier flags for reports and warnings. Following hyperfine and criterion,
 * outliers are FLAGGED, never dropped: a stall, an early wakeup or a slow
 * first run is exactly what a latency suite exists to show.
 *
 * @module
 */
import { quantile } from './summary.ts';

/** Counts of Tukey-fence outliers, plus where they are. */
export interface OutlierClassification {
  /** Samples below Q1 − 3·IQR. */
  lowSevere: number;
  /** Samples in [Q1 − 3·IQR, Q1 − 1.5·IQR). */
  lowMild: number;
  /** Samples in (Q3 + 1.5·IQR, Q3 + 3·IQR]. */
  highMild: number;
  /** Samples above Q3 + 3·IQR. */
  highSevere: number;
  /** Indices (into the input, ascending) of every sample counted above. */
  indices: number[];
}

/**
 * Classify samples with Tukey's fences, as criterion does: quartiles Q1, Q3
 * by {@link quantile} (type 7, the same method as the summary, so the numbers
 * agree with what the report prints), IQR = Q3 − Q1, inner fences at 1.5·IQR
 * and outer fences at 3·IQR beyond the quartiles. A sample exactly on a fence
 * is NOT an outlier of that class (strict inequalities).
 *
 * With IQR = 0 (at least half the samples equal) every value different from
 * that plateau is flagged severe — correct for the data, if surprising.
 *
 * @param samples raw samples in measured order (not modified; negative values allowed).
 * @returns the counts and the indices of flagged samples; all zero for no
 *   samples (and, with type-7 quartiles, necessarily for fewer than 4).
 * @throws RangeError if a sample is not finite.
 */
export function classifyOutliers(samples: readonly number[]): OutlierClassification {
  const result: OutlierClassification = { lowSevere: 0, lowMild: 0, highMild: 0, highSevere: 0, indices: [] };
  samples.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new RangeError(`classifyOutliers: sample ${i} is ${v}; must be finite`);
  });
  if (samples.length === 0) return result;
  const sorted = [...samples].sort((a, b) => a - b);
  const q1 = quantile(sorted, 0.25);
  const q3 = quantile(sorted, 0.75);
  const iqr = q3 - q1;
  const lowOuter = q1 - 3 * iqr;
  const lowInner = q1 - 1.5 * iqr;
  const highInner = q3 + 1.5 * iqr;
  const highOuter = q3 + 3 * iqr;
  samples.forEach((v, i) => {
    if (v < lowOuter) result.lowSevere++;
    else if (v < lowInner) result.lowMild++;
    else if (v > highOuter) result.highSevere++;
    else if (v > highInner) result.highMild++;
    else return;
    result.indices.push(i);
  });
  return result;
}

/**
 * hyperfine's "the first run was significantly slower than the rest" check:
 * true when the first sample exceeds `factor` × the median of the others —
 * usually a cold file-system or code cache that warmups should have absorbed.
 *
 * It is a ratio test, so it is only meaningful for positive quantities
 * (durations): when the median of the rest is ≤ 0 "factor × slower" has no
 * meaning and the result is false.
 *
 * @param samples raw samples in measured order; the first one is tested.
 * @param factor how many times the median counts as "slow"; default 2 (hyperfine's).
 * @returns whether to warn; false for fewer than 2 samples.
 * @throws RangeError if `factor` is not a positive finite number or a sample is not finite.
 */
export function slowFirstRun(samples: readonly number[], factor = 2): boolean {
  if (!(factor > 0 && Number.isFinite(factor))) {
    throw new RangeError(`slowFirstRun: factor must be a positive finite number, got ${factor}`);
  }
  if (samples.length < 2) return false;
  if (!samples.every(Number.isFinite)) throw new RangeError('slowFirstRun: samples must be finite numbers');
  const rest = samples.slice(1).sort((a, b) => a - b);
  const restMedian = quantile(rest, 0.5);
  return restMedian > 0 && samples[0] > factor * restMedian;
}
