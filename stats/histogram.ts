/**
 * HDR histogram wrapper: turns a metric's samples into the compressed base64
 * form stored in results.json (`metrics.<name>.histogram`) and back.
 *
 * Uses hdr-histogram-js's pure-JS implementation (`useWebAssembly: false`) so
 * results are identical everywhere and nothing needs async WebAssembly
 * initialisation — this is a benchmark of WebAssembly runtimes, and the
 * harness should not put a Wasm module of its own on the measured machine.
 *
 * HDR histograms only hold values ≥ 0, but our samples may be negative (a
 * sleep that woke up early). We never drop or clamp those: every value is
 * stored shifted by `offset = min(0, min(samples))`, and the offset is added
 * back on the way out.
 *
 * @module
 */
import { build, decodeFromCompressedBase64, encodeIntoCompressedBase64 } from 'hdr-histogram-js';
import type { Histogram } from 'hdr-histogram-js';

/** A histogram as persisted in results.json: the encoded HDR data plus what is needed to read it. */
export interface HistogramRecord {
  /** Unit of the samples (and of every value read back); the wrapper never converts. */
  unit: 'ns' | 'us';
  /** Smallest value the histogram distinguishes from 0; always 1 (integer samples). */
  lowestDiscernible: number;
  /** Auto-ranged upper bound of the STORED values: max(2, max(samples) − offset). */
  highestTrackable: number;
  /** Decimal digits of relative precision; fixed at 3 (error < 1/1024 of the stored value). */
  significantDigits: 3;
  /**
   * What was subtracted from every sample before recording: min(0, min(samples)),
   * so 0 when no sample is negative. Real value = stored value + offset.
   */
  offset: number;
  /** Number of samples recorded (equals the input length). */
  count: number;
  /** HdrHistogram V2 compressed encoding, base64 (readable by any HdrHistogram port). */
  encoded: string;
}

/** A decoded histogram, reporting real (offset-corrected) values. */
export interface DecodedHistogram {
  /** Total number of recorded samples. */
  count: number;
  /**
   * Value at percentile `p` in [0, 100] (HdrHistogram's convention: 99.9 means
   * p99.9), with the offset added back. Values within 3 significant digits of
   * the stored value (value − offset), HDR reports the top of the bucket.
   */
  percentile(p: number): number;
  /** HdrHistogram `outputPercentileDistribution` text (.hgrm), in stored units; see {@link decodeHistogram}. */
  toHgrm(): string;
}

/** The only precision we store; fixed so every histogram in a run is comparable. */
const SIGNIFICANT_DIGITS = 3;
/** HDR needs highestTrackable ≥ 2 × lowestDiscernible. */
const MIN_HIGHEST_TRACKABLE = 2;

/**
 * Build an HDR histogram record from samples.
 *
 * Non-integer samples are rounded with `Math.round` (half-way cases go toward
 * +∞, so −2.5 → −2): HDR records integers, and our times are integer ns/µs
 * already, so this only matters for derived values.
 *
 * @param samples raw samples in `unit` (negative allowed; not modified).
 * @param options `unit` of the samples (default `'ns'`); `significantDigits` is 3, the only value supported.
 * @returns the record, or `null` for no samples.
 * @throws RangeError if a sample is not finite, or the shifted range exceeds
 *   `Number.MAX_SAFE_INTEGER` (HDR's counts index would lose precision).
 */
export function buildHistogram(
  samples: readonly number[],
  options: { unit?: 'ns' | 'us'; significantDigits?: 3 } = {},
): HistogramRecord | null {
  if (samples.length === 0) return null;
  const values = samples.map((v, i) => {
    if (!Number.isFinite(v)) {
      throw new RangeError(`buildHistogram: sample ${i} is ${v}; samples must be finite numbers`);
    }
    return Math.round(v);
  });
  let lo = 0;
  let hi = 0;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const offset = lo; // min(0, min(values)): 0 unless something is negative
  const highestTrackable = Math.max(MIN_HIGHEST_TRACKABLE, hi - offset);
  if (!Number.isSafeInteger(highestTrackable)) {
    throw new RangeError(
      `buildHistogram: range ${offset}..${hi} is wider than 2^53; record in a coarser unit (e.g. 'us')`,
    );
  }
  const histogram = build({
    useWebAssembly: false,
    bitBucketSize: 32,
    autoResize: false, // range is known exactly: no silent growth
    lowestDiscernibleValue: 1,
    highestTrackableValue: highestTrackable,
    numberOfSignificantValueDigits: SIGNIFICANT_DIGITS,
  });
  for (const v of values) histogram.recordValue(v - offset);
  return {
    unit: options.unit ?? 'ns',
    lowestDiscernible: 1,
    highestTrackable,
    significantDigits: SIGNIFICANT_DIGITS,
    offset,
    count: values.length,
    encoded: encodeIntoCompressedBase64(histogram),
  };
}

/**
 * Decode a stored {@link HistogramRecord}.
 *
 * `toHgrm()` returns the library's percentile distribution text unchanged,
 * so its Value column and Mean/Max footer are STORED values (sample − offset).
 * When the offset is negative the text starts with a `#` comment line saying
 * so and giving the offset (hgrm readers skip `#` lines); with offset 0 the
 * text is exactly HdrHistogram's.
 *
 * @param rec a record produced by {@link buildHistogram} (possibly read back from JSON).
 * @returns accessors over the decoded histogram.
 * @throws RangeError if the record's precision is not 3 digits or `percentile` gets p outside [0, 100].
 */
export function decodeHistogram(rec: HistogramRecord): DecodedHistogram {
  if (rec.significantDigits !== SIGNIFICANT_DIGITS) {
    throw new RangeError(`decodeHistogram: significantDigits ${rec.significantDigits} unsupported; expected 3`);
  }
  const histogram: Histogram = decodeFromCompressedBase64(rec.encoded, 32, false);
  const offset = rec.offset;
  return {
    count: histogram.totalCount,
    percentile(p: number): number {
      if (!(p >= 0 && p <= 100)) {
        throw new RangeError(`percentile: p must be in [0, 100] (HdrHistogram convention), got ${p}`);
      }
      return histogram.getValueAtPercentile(p) + offset;
    },
    toHgrm(): string {
      const text = histogram.outputPercentileDistribution();
      if (offset === 0) return text;
      const note =
        `# wasmbench: offset = ${offset} ${rec.unit}. Values below are stored values (sample - offset); ` +
        `add ${offset} to read a real sample.\n`;
      return note + text;
    },
  };
}
