/**
 * Recording a high-volume metric as it arrives: each value goes into an HDR
 * histogram (3 significant digits) and an append-only raw buffer (for the
 * Parquet sidecar), and exact count/min/max/sum are kept beside it. Adding
 * values costs O(values added); producing the stored record costs O(buckets).
 *
 * Negative values (a sleep that woke early) are kept: the histogram stores
 * value − offset. When a value arrives below the offset, the histogram is
 * rebuilt from the raw buffer with the offset at twice the new minimum, so
 * a slowly falling minimum rebuilds O(log range) times, not once per value.
 *
 * Pure: no I/O, no clock.
 *
 * @module
 */
import { build, encodeIntoCompressedBase64, type Histogram } from 'hdr-histogram-js';
import type { HistogramRecord } from './histogram.ts';
import { binsOfHistogram, type ExactTotals, type HistogramBins } from './histogram-bins.ts';

const SIGNIFICANT_DIGITS = 3;

function emptyHistogram(): Histogram {
  // autoResize: the range is not known in advance when values stream in.
  return build({
    useWebAssembly: false,
    bitBucketSize: 32,
    autoResize: true,
    lowestDiscernibleValue: 1,
    highestTrackableValue: 2,
    numberOfSignificantValueDigits: SIGNIFICANT_DIGITS,
  });
}

export class HistogramAccumulator {
  private raw = new Float64Array(1024);
  private length = 0;
  private offset = 0;
  private histogram = emptyHistogram();
  private totals: ExactTotals = { count: 0, min: Infinity, max: -Infinity, sum: 0 };

  constructor(readonly unit: 'ns' | 'us' = 'ns') {}

  /**
   * Record values (rounded to integers, as HDR needs).
   * @throws RangeError on a non-finite value, naming its position.
   */
  add(values: ArrayLike<number>): void {
    for (let i = 0; i < values.length; i++) {
      const v = Math.round(values[i]);
      if (!Number.isFinite(v))
        throw new RangeError(`HistogramAccumulator: value ${i} is ${values[i]}; values must be finite numbers`);
      this.push(v);
      if (v < this.offset) this.rebuild(2 * v);
      else this.histogram.recordValue(v - this.offset);
      const t = this.totals;
      t.count++;
      t.sum += v;
      if (v < t.min) t.min = v;
      if (v > t.max) t.max = v;
    }
  }

  get count(): number {
    return this.length;
  }

  /** Exact totals of the values added (min/max ±Infinity while empty). */
  exact(): ExactTotals {
    return { ...this.totals };
  }

  /** The raw values in arrival order (a view: copy it to keep it past the next add). */
  values(): Float64Array {
    return this.raw.subarray(0, this.length);
  }

  bins(): HistogramBins {
    return binsOfHistogram(this.histogram, this.offset);
  }

  /** The stored form, as stats/histogram.ts's buildHistogram writes it. */
  record(): HistogramRecord {
    return {
      unit: this.unit,
      lowestDiscernible: 1,
      highestTrackable: Math.max(2, this.totals.max - this.offset),
      significantDigits: SIGNIFICANT_DIGITS,
      offset: this.offset,
      count: this.length,
      encoded: encodeIntoCompressedBase64(this.histogram),
    };
  }

  private push(v: number): void {
    if (this.length === this.raw.length) {
      const grown = new Float64Array(this.raw.length * 2);
      grown.set(this.raw);
      this.raw = grown;
    }
    this.raw[this.length++] = v;
  }

  /** Re-record every raw value (the new one included) against a lower offset. */
  private rebuild(offset: number): void {
    this.offset = offset;
    this.histogram = emptyHistogram();
    for (let i = 0; i < this.length; i++) this.histogram.recordValue(this.raw[i] - offset);
  }
}
