/**
 * How many points a chart draws for one metric. Past POINTS_PER_SERIES a
 * reader sees a blur (and the SVG grows by the megabyte), so:
 *
 * - a distribution (strip plot) draws POINTS_PER_SERIES evenly spaced
 *   quantiles instead of the samples: a quantile dot plot, read like the
 *   samples (the same share of dots lies in any range), from the raw samples
 *   or the HDR histogram alike;
 * - a series in order (wakeup by wakeup) is cut into POINTS_PER_SERIES / 2
 *   runs of consecutive samples, each drawn as its minimum and its maximum,
 *   so spikes and early wakeups stay visible.
 *
 * Charts that thin their points say so in their subtitle.
 */
import type { MetricResult } from '../../core/results/model.ts';
import { metricCount, metricDistribution } from '../../core/results/metric-view.ts';

export const POINTS_PER_SERIES = 1000;

/** The values a strip plot draws for `m`, and whether they are quantiles rather than samples. */
export function stripValues(m: MetricResult, where: string): { values: number[]; quantiles: boolean } {
  const n = metricCount(m);
  if (m.storage !== 'histogram' && n <= POINTS_PER_SERIES) return { values: m.samples, quantiles: false };
  const d = metricDistribution(m, where);
  const k = Math.min(n, POINTS_PER_SERIES);
  return { values: Array.from({ length: k }, (_, i) => d.quantile((i + 0.5) / k)), quantiles: true };
}

/** Points of an ordered series: every sample, or (position, min) and (position, max) of each run of consecutive samples. */
export function orderedPoints(samples: readonly number[]): { position: number; value: number }[] {
  if (samples.length <= POINTS_PER_SERIES) return samples.map((value, i) => ({ position: i + 1, value }));
  const run = Math.ceil(samples.length / (POINTS_PER_SERIES / 2));
  const points: { position: number; value: number }[] = [];
  for (let start = 0; start < samples.length; start += run) {
    let lo = start;
    let hi = start;
    for (let i = start; i < Math.min(samples.length, start + run); i++) {
      if (samples[i] < samples[lo]) lo = i;
      if (samples[i] > samples[hi]) hi = i;
    }
    points.push({ position: lo + 1, value: samples[lo] });
    if (hi !== lo) points.push({ position: hi + 1, value: samples[hi] });
  }
  return points.sort((a, b) => a.position - b.position);
}

export function stripNote(thinned: boolean): string[] {
  return thinned
    ? [
        `Series with more than ${POINTS_PER_SERIES} samples are drawn as ${POINTS_PER_SERIES} evenly spaced quantiles (a quantile dot plot), not every sample.`,
      ]
    : [];
}

export function orderedNote(thinned: boolean): string[] {
  return thinned
    ? [
        `Series with more than ${POINTS_PER_SERIES} samples: each run of consecutive samples is drawn as its minimum and maximum.`,
      ]
    : [];
}
