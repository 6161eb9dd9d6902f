/**
 * The results file (results/<run-id>/results.json), defined once: the
 * writer's types, every reader's validation (core/results/read.ts) and the
 * JSON Schema users validate with (`wasmbench schema results`,
 * docs/results.schema.json) all come from this zod schema.
 *
 * Fields may be added; renaming or removing one needs a SCHEMA_VERSION bump
 * and a reader for the old version (see READERS in read.ts).
 */
import { z } from 'zod';
import { CACHE_STATES, HOST_KINDS, MODES } from '../../runners/types.ts';
import type { Summary } from '../../stats/summary.ts';
import type { HistogramRecord } from '../../stats/histogram.ts';
import { SKIP_KINDS, type SkipReason } from '../plan/skip.ts';
import { analysisSchema } from './schema-analyses.ts';
import {
  type histogramSchema,
  metricSchema,
  type metricSemanticsSchema,
  type summarySchema,
} from './schema-metrics.ts';
import { count, text } from './schema-primitives.ts';

export { analysisSchema } from './schema-analyses.ts';
export {
  exactTotalsSchema,
  histogramSchema,
  METRIC_UNITS,
  metricSchema,
  metricSemanticsSchema,
  summarySchema,
} from './schema-metrics.ts';

export const SCHEMA_VERSION = 2;
/** Version 1 had no histogram storage: every metric kept all its samples (read by READERS[1] in read.ts). */
export const SCHEMA_VERSION_1 = 1;

export const SUITE_IDS = ['startup', 'sleep-jitter', 'throughput'] as const;
export const CASE_STATUSES = ['ok', 'errored', 'skipped'] as const;
export const RUN_STATES = ['running', 'complete', 'interrupted'] as const;
/** `fallback`: the runtime ran another tier than the case names (e.g. WasmEdge falling back to its interpreter). */
export const SAMPLE_ERROR_KINDS = [
  'exit',
  'signal',
  'timeout',
  'wrong-output',
  'spawn',
  'protocol',
  'internal',
  'fallback',
] as const;

const isoTime = z.iso.datetime({ offset: true }).describe('ISO-8601 date and time');

export const sampleErrorSchema = z
  .object({
    index: count,
    kind: z.enum(SAMPLE_ERROR_KINDS),
    message: text,
    stderrTail: text,
  })
  .meta({ id: 'SampleError' });

/** The machine fingerprint (core/environment.ts). Extra keys are kept: users add their own. */
export const environmentSchema = z
  .object({
    arch: text,
    cpuModel: text,
    platform: text.optional(),
    cores: count.optional(),
    physicalCores: count.nullable().optional(),
    memoryBytes: count.optional(),
    kernel: text.optional(),
    kernelVersion: text.optional(),
    preemption: text.optional(),
    distro: text.nullable().optional(),
    virtualization: text.nullable().optional(),
    nodeVersion: text.optional(),
    v8Version: text.optional(),
    timerSlackNs: z.number().nullable().optional(),
    governor: text.nullable().optional(),
    loadAverage: z.array(z.number()).optional(),
    hostname: text.optional(),
    /** Set by `merge` when its inputs came from different machines. */
    merged: z.array(z.object({ runId: text, arch: z.unknown(), cpuModel: z.unknown() })).optional(),
  })
  .loose()
  .meta({ id: 'Environment' });

/** Why a skipped case did not run, as data (core/plan/skip.ts; `reason` is its sentence). */
export const skipReasonSchema = z
  .object({
    kind: z.enum(SKIP_KINDS),
    runtime: text,
    mode: z.enum(MODES).optional(),
    modeName: text.optional(),
    cacheState: z.enum(CACHE_STATES).optional(),
    workload: text.optional(),
    detail: text,
    install: text.optional(),
    selectedModes: z.array(text).optional(),
    selectedCacheStates: z.array(text).optional(),
    availableModes: z.array(text).optional(),
  })
  .meta({ id: 'SkipReason' });

/** The module and inputs a case ran (core/workloads/provenance.ts); env values are never recorded. */
export const workloadProvenanceSchema = z.object({
  name: text,
  origin: z.enum(['fixture', 'module', 'corpus']),
  wasmPath: text.describe('the path as the user gave it'),
  wasmBytes: count,
  sha256: text.regex(/^[0-9a-f]{64}$/),
  args: z.array(text),
  stdinFile: text.optional(),
  dirs: z.array(z.object({ host: text, guest: text, writable: z.boolean() })),
  dirsReadWrite: text
    .optional()
    .describe(
      "set when dirs asked read-only were preopened read-write on this case's runtime: why (it has no read-only form)",
    ),
  envNames: z.array(text).describe('names of the guest environment variables; their values are not recorded'),
  cwd: text.optional(),
  expectedStdoutFile: text.optional(),
  expectedStderrFile: text
    .optional()
    .describe(
      "checked exactly where the runtime's own stderr lines can be told apart (else the case's notes say why not)",
    ),
  check: z.enum(['exact', 'ignore', 'regex']),
  benchMarkers: z.boolean().describe('the module imports bench.start / bench.end'),
  rewritten: z
    .object({ method: text, sha256: text, path: text })
    .optional()
    .describe('set when a CLI runtime ran a rewritten copy'),
  native: z.object({ command: z.array(text) }).optional(),
});

export const caseSchema = z
  .object({
    id: text.min(1),
    suite: z.enum(SUITE_IDS),
    runtime: text.min(1),
    host: z.enum(HOST_KINDS),
    mode: z.enum([...MODES, '*'] as const).describe('`*` only on a skipped case that stands for a whole runtime'),
    modeName: text,
    cacheState: z.enum([...CACHE_STATES, '*'] as const),
    fixture: text,
    params: z.record(text, z.unknown()),
    status: z.enum(CASE_STATUSES),
    reason: text.optional(),
    skip: skipReasonSchema.optional(),
    command: z.array(text).describe('the exact argv of a sample; argv[0] is an absolute path'),
    flags: z.array(text).describe('runtime flags that select the mode'),
    metrics: z.record(text, metricSchema),
    errors: z.array(sampleErrorSchema),
    warnings: z.array(text),
    timing: text.optional().describe('how process samples were timed: wait4-helper or node-spawn'),
    timingMode: z
      .enum(['serve', 'per-sample'])
      .optional()
      .describe("the wait4 helper's mode: serve (one warm helper for the run) or per-sample (a fresh helper each)"),
    helperBuildId: text
      .optional()
      .describe("the wait4 helper's build id: <arch>-<12 hex> of its C sources and the compiler version"),
    warmups: count,
    iterations: count.optional().describe('measured loop samples planned for the case'),
    incomplete: z
      .literal(true)
      .optional()
      .describe('the run stopped (Ctrl-C, kill) before the case had all its planned samples'),
    artifactBytes: count.optional(),
    prepareNs: count
      .optional()
      .describe(
        "read only, in files from before 2026-12-02: a container case's one-time bundle/image preparation; now written as the case's precompileNs metric",
      ),
    notes: z
      .array(text)
      .optional()
      .describe(
        'facts about how the case was measured or checked (e.g. an expected stderr not checked on this runtime, and why)',
      ),
    workload: workloadProvenanceSchema
      .optional()
      .describe("the user's module and inputs (absent for packaged fixtures)"),
    runId: text.optional().describe('set by merge: the run this case was measured in'),
    environment: environmentSchema.optional().describe('set by merge: the environment of that run'),
  })
  .meta({ id: 'Case' });

export const runtimeSchema = z
  .object({
    id: text,
    host: z.enum(HOST_KINDS),
    available: z.boolean(),
    version: text.nullable(),
    path: text.nullable(),
    arch: text,
    modes: z.array(
      z.object({
        mode: z.enum(MODES),
        modeName: text,
        flags: z.array(text),
        cacheStates: z.array(z.enum(CACHE_STATES)),
      }),
    ),
    reason: text.optional(),
    problem: z
      .enum(['not-installed', 'broken'])
      .optional()
      .describe(
        'unavailable only: not found, or found but its probe failed (reason has the output, signal or timeout)',
      ),
    install: text.optional(),
    notes: z.array(text).optional(),
    unsupportedModes: z
      .array(z.object({ mode: z.enum(MODES), modeName: text, reason: text }))
      .optional()
      .describe('tiers this build lacks; their cases are recorded as skipped'),
  })
  .meta({ id: 'Runtime' });

/** samples.parquet (every raw sample, long format) as the run left it: written, or why not. */
export const samplesSidecarSchema = z.union([
  z.object({ file: text, rows: count }),
  z.object({
    file: text,
    error: text.describe('what failed and which raw values are missing; results.json is complete'),
  }),
]);

export const resultsFileSchema = z
  .object({
    schemaVersion: z.literal(SCHEMA_VERSION),
    runId: text.min(1),
    startedAt: isoTime,
    finishedAt: isoTime.nullable(),
    state: z
      .enum(RUN_STATES)
      .describe('running while being written; complete; interrupted when Ctrl-C or a kill cut the run short'),
    recovered: z.literal(true).optional().describe('a killed run, rebuilt from samples.jsonl by a reader'),
    pid: z.number().int().optional().describe('process id of the writer while state is running'),
    tool: z.object({ name: z.literal('wasmbench'), version: text }),
    seed: count,
    config: z.record(text, z.unknown()).describe('the resolved configuration of the run'),
    environment: environmentSchema,
    runtimes: z.array(runtimeSchema),
    cases: z.array(caseSchema),
    analyses: z.array(analysisSchema),
    samplesParquet: samplesSidecarSchema.optional().describe("the run's samples.parquet sidecar"),
  })
  .describe('a wasmbench results file (results.json), schemaVersion 2');

/** Version 1: the same fields without histogram storage (a version 1 file is a valid version 2 file but for the number). */
export const resultsFileSchemaV1 = resultsFileSchema.extend({ schemaVersion: z.literal(SCHEMA_VERSION_1) });

export type SuiteId = (typeof SUITE_IDS)[number];
export type MetricUnit = z.infer<typeof metricSchema>['unit'];
export type MetricResult = z.infer<typeof metricSchema>;
export type MetricSemantics = z.infer<typeof metricSemanticsSchema>;
export type CaseStatus = z.infer<typeof caseSchema>['status'];
export type SampleError = z.infer<typeof sampleErrorSchema>;
export type Environment = z.infer<typeof environmentSchema>;
export type CaseResult = z.infer<typeof caseSchema>;
export type RuntimeRecord = z.infer<typeof runtimeSchema>;
export type Analysis = z.infer<typeof analysisSchema>;
export type ResultsFile = z.infer<typeof resultsFileSchema>;
export type CrossoverAnalysis = Extract<Analysis, { kind: 'crossover' }>;
export type NativeRatioAnalysis = Extract<Analysis, { kind: 'native-ratio' }>;
export type CompilePaybackAnalysis = Extract<Analysis, { kind: 'compile-payback' }>;

// Compile-time checks: the pure stats/ types stay in step with their stored form.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const SUMMARY_MATCHES_STATS: Same<z.infer<typeof summarySchema>, Summary> = true;
export const SKIP_MATCHES_PLAN: Same<z.infer<typeof skipReasonSchema>, SkipReason> = true;
export const HISTOGRAM_MATCHES_STATS: Same<z.infer<typeof histogramSchema>, HistogramRecord> = true;
