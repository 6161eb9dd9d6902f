/**
 * Public surface of `stats/`: pure statistics for wasmbench (no I/O, no clock,
 * randomness only through an injected seeded PRNG). Import from here unless
 * you need to avoid loading hdr-histogram-js.
 *
 * @module
 */
export { summarize, quantile } from './summary.ts';
export type { Summary } from './summary.ts';
export { buildHistogram, decodeHistogram } from './histogram.ts';
export type { HistogramRecord, DecodedHistogram } from './histogram.ts';
export { classifyOutliers, slowFirstRun } from './outliers.ts';
export type { OutlierClassification } from './outliers.ts';
export { createRng, shuffle, bootstrapMedianRatioCI } from './random.ts';
export type { Rng, BootstrapOptions, MedianRatioCI } from './random.ts';
