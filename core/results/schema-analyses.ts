/**
 * The analyses of a results file (results.analyses): what the suites and
 * merge derive from the cases (crossover, native ratio, sleep-jitter digest,
 * merged runs, A/B rounds, compile payback), one discriminated union on
 * `kind`. Part of the results schema (schema.ts re-exports it).
 */
import { z } from 'zod';
import { count, text } from './schema-primitives.ts';

/** Every analysis may carry the run it came from (set by merge). */
const analysis = <K extends string, S extends z.ZodRawShape>(kind: K, shape: S) =>
  z.object({ kind: z.literal(kind), runId: text.optional(), ...shape });

const tierCost = z.object({
  timeToFirstResultNs: z.number(),
  steadyIterNs: z.number(),
  totalMeasuredNs: z.number().optional(),
});

export const analysisSchema = z
  .discriminatedUnion('kind', [
    analysis('crossover', {
      runtime: text,
      fixture: text,
      fast: text,
      slow: text,
      iterations: count
        .nullable()
        .describe('after how many iterations the fast tier pays back its slower start; null: never'),
      cacheState: text.optional(),
      host: text.optional(),
      fastModeName: text.optional(),
      slowModeName: text.optional(),
      steadySpeedup: z.number().nullable().optional(),
      measuredIterations: z.number().optional(),
      extrapolated: z.boolean().optional(),
      fastTier: tierCost.optional(),
      slowTier: tierCost.optional(),
      metric: z
        .enum(['iterNs', 'benchNs'])
        .optional()
        .describe(
          'the per-iteration series: iterNs (in-guest iterations), or benchNs (a Sightglass bench.start..bench.end region, N = runs of it)',
        ),
      model: text.optional(),
    }),
    analysis('native-ratio', {
      caseId: text,
      nativeCaseId: text,
      metric: text,
      ratio: z.number().describe('median(wasm) / median(native)'),
      ci95: z.tuple([z.number(), z.number()]),
    }),
    analysis('sleep-jitter-digest', {
      rows: z.array(
        z.object({
          caseId: text,
          wakeups: count,
          medianOvershootNs: z.number().nullable(),
          p99OvershootNs: z.number().nullable(),
          maxOvershootNs: z.number().nullable(),
          earlyWakeups: count,
          medianDriftNs: z.number().nullable(),
          roundsToMs: z.union([z.boolean(), z.literal('unknown')]),
        }),
      ),
    }),
    analysis('merged-runs', {
      runs: z.array(
        z.object({ runId: text, path: text, arch: z.unknown(), cpuModel: z.unknown(), startedAt: text, cases: count }),
      ),
    }),
    analysis('ab-rounds', { side: z.enum(['base', 'head']), seed: count, rounds: count, order: text }),
    analysis('compile-payback', {
      runtime: text,
      fixture: text,
      question: text.describe('e.g. "interpreter vs compile-then-run", "cold vs precompiled cache"'),
      compiled: z.object({ mode: text, modeName: text, cacheState: text }),
      other: z.object({ mode: text, modeName: text, cacheState: text }),
      precompileNs: z.number().describe('median time to produce the artifact (its own process samples)'),
      artifactBytes: z.number().nullable(),
      compiledRunNs: z.number(),
      otherRunNs: z.number(),
      runs: count.nullable().describe('runs after which compile-once-then-run is faster in total; null: never'),
      calls: count
        .nullable()
        .describe(
          'calls (iterations) in one process after which compile-then-run wins; null: never or not a compute workload',
        ),
      model: text,
    }),
  ])
  .meta({ id: 'Analysis' });
