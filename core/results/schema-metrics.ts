/**
 * One measured metric of a case in the results file (results.cases[].metrics):
 * its samples or histogram, summary, exact totals and meaning. Part of the
 * results schema (schema.ts re-exports it).
 */
import { z } from 'zod';
import { count, text } from './schema-primitives.ts';

export const METRIC_UNITS = ['ns', 'us', 'bytes', 'count', 'req/s'] as const;

export const summarySchema = z
  .object({
    n: z.number().int().min(1),
    min: z.number(),
    median: z.number(),
    mean: z.number(),
    p90: z.number(),
    p99: z.number(),
    p999: z.number(),
    max: z.number(),
    mad: z.number().describe('median absolute deviation, unscaled'),
    stddev: z.number(),
    ci95: z.tuple([z.number(), z.number()]).nullable().describe('95% CI of the median (null when n < 6)'),
    ciMethod: z.literal('exact-binomial-order-statistic'),
    ciCoverage: z.number().nullable(),
  })
  .meta({ id: 'Summary', description: 'stats/summary.ts Summary' });

export const histogramSchema = z
  .object({
    unit: z.enum(['ns', 'us']),
    lowestDiscernible: z.number(),
    highestTrackable: z.number(),
    significantDigits: z.literal(3),
    offset: z.number().describe('subtracted from every sample before recording; real value = stored + offset'),
    count,
    encoded: text.describe('HdrHistogram V2 compressed encoding, base64'),
  })
  .meta({ id: 'Histogram' });

/** What a metric means (core/results/semantics.ts): reporters and compare/gate read this, not names or prose. */
export const metricSemanticsSchema = z.object({
  better: z.enum(['lower', 'higher']).describe('which way is better: times, bytes and counts shrink, rates grow'),
  load: z
    .enum(['fixed-rate', 'closed-loop'])
    .optional()
    .describe('how load was offered: open loop at a fixed rate, or closed loop'),
  coordinatedOmission: z
    .enum(['corrected', 'uncorrected'])
    .optional()
    .describe(
      "latency from each request's intended send time (corrected for coordinated omission) or from the actual send",
    ),
});

export const exactTotalsSchema = z.object({ count, min: z.number(), max: z.number(), sum: z.number() });

export const metricSchema = z
  .object({
    unit: z.enum(METRIC_UNITS),
    samples: z
      .array(z.number())
      .describe('every recorded sample, in the order taken; integers for times; empty when storage is histogram'),
    summary: summarySchema.nullable().describe('null when there is no sample'),
    histogram: histogramSchema.optional(),
    storage: z
      .enum(['samples', 'histogram'])
      .optional()
      .describe(
        'histogram (version 2): a high-volume metric kept as `histogram` + `exact` only; its raw values are in samples.parquet. Absent: every sample is in `samples`',
      ),
    summarySource: z
      .enum(['samples', 'histogram'])
      .optional()
      .describe(
        'what `summary` was computed from: the HDR buckets (3 significant digits; n, min, max, mean exact) or the samples',
      ),
    exact: exactTotalsSchema.optional().describe('exact count, min, max and sum of a histogram-stored metric'),
    notes: z.array(text).optional().describe('free-form facts about how this metric was obtained'),
    semantics: metricSemanticsSchema.optional(),
  })
  .meta({ id: 'Metric' });
