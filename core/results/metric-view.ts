/**
 * One way to read a metric whichever way it is stored (schemaVersion 2):
 * raw `samples` (the exact path) or an HDR histogram with exact totals
 * (`storage: 'histogram'`). Reporters, compare, gate and merge go through
 * here instead of touching `samples`, so none of them materialises millions
 * of values, and a histogram that does not decode or disagrees with its
 * summary is a clear error rather than a wrong figure.
 */
import { WasmbenchError } from '../errors.ts';
import { binsOfRecord, HISTOGRAM_RELATIVE_PRECISION, type HistogramBins } from '../../stats/histogram-bins.ts';
import { distributionOfBins, distributionOfSamples, type Distribution } from '../../stats/histogram-compare.ts';
import type { MetricResult } from './model.ts';

export function isHistogramStored(m: MetricResult): boolean {
  return m.storage === 'histogram';
}

/** Number of values measured, whichever way they are stored. */
export function metricCount(m: MetricResult | undefined): number {
  if (!m) return 0;
  if (isHistogramStored(m)) return m.exact?.count ?? m.summary?.n ?? 0;
  return Array.isArray(m.samples) ? m.samples.length : 0;
}

const decoded = new WeakMap<MetricResult, HistogramBins>();

/**
 * Why a histogram-stored metric cannot be trusted, or null. Checks that the
 * histogram decodes, and that its count, the exact totals and the summary
 * agree (median within the histogram's precision).
 */
export function histogramProblem(m: MetricResult): string | null {
  if (!isHistogramStored(m)) return null;
  if (!m.histogram) return 'is stored as a histogram but has no "histogram"';
  if (!m.exact || ![m.exact.count, m.exact.min, m.exact.max, m.exact.sum].every(Number.isFinite))
    return 'is stored as a histogram but has no finite "exact" {count, min, max, sum}';
  let bins: HistogramBins;
  try {
    bins = decoded.get(m) ?? binsOfRecord(m.histogram);
  } catch (err) {
    return `has a histogram that does not decode (${(err as Error).message})`;
  }
  decoded.set(m, bins);
  if (bins.count !== m.exact.count)
    return `histogram and exact totals disagree: the histogram holds ${bins.count} values, "exact.count" says ${m.exact.count}`;
  const s = m.summary;
  if (!s) return null;
  if (s.n !== bins.count)
    return `histogram and summary disagree: the histogram holds ${bins.count} values, the summary says n = ${s.n}`;
  const median = distributionOfBins(bins).quantile(0.5);
  const tolerance = 2 * HISTOGRAM_RELATIVE_PRECISION * Math.max(Math.abs(median), Math.abs(s.median)) + 1;
  if (Math.abs(median - s.median) > tolerance)
    return `histogram and summary disagree: the histogram's median is ${median}, the summary's ${s.median}`;
  return null;
}

/** The metric as a distribution for compare/gate and charts; throws a WasmbenchError naming `where` on a bad histogram. */
export function metricDistribution(m: MetricResult, where: string): Distribution {
  if (!isHistogramStored(m)) return distributionOfSamples(m.samples);
  const problem = histogramProblem(m);
  if (problem) throw badHistogram(where, problem);
  return distributionOfBins(decoded.get(m)!);
}

export function badHistogram(where: string, problem: string): WasmbenchError {
  return new WasmbenchError(
    `${where} ${problem}`,
    1,
    'the results file was edited or is corrupt: re-run the benchmark, or restore the file that `wasmbench run` wrote',
  );
}

/** Quantile p in [0, 1] of any metric with at least one value. */
export function metricQuantile(m: MetricResult, p: number, where = 'metric'): number {
  return metricDistribution(m, where).quantile(p);
}

/** The first histogram problem in a file, as an error naming the case and metric; report, merge, compare and gate refuse such a file. */
export function assertHistogramsSound(
  cases: readonly { id: string; metrics: Record<string, MetricResult> }[],
  path: string,
): void {
  for (const c of cases) {
    for (const [name, m] of Object.entries(c.metrics ?? {})) {
      const problem = histogramProblem(m);
      if (problem) throw badHistogram(`${path}: case "${c.id}" metric "${name}"`, problem);
    }
  }
}
