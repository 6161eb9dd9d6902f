/**
 * The user config, defined once: this zod schema validates bench.config.ts
 * and the command line, and the option types (UserConfig and its sections,
 * re-exported by types.ts) are inferred from it. Each option's TSDoc below,
 * with its @default, is what an editor shows on `defineConfig({ ... })`.
 * Every problem is reported at once, each naming the key and how to fix it.
 */
import { z } from 'zod';
import { CACHE_STATES, MODES } from '../../runners/types.ts';
import { RUNTIME_IDS } from '../../runners/ids.ts';
import { SUITE_IDS } from '../results/model.ts';
import { UsageError } from '../errors.ts';
import { PROFILES, SLEEP_DEADLINES, THROUGHPUT_VARIANTS, type UserConfig } from './types.ts';
import { intervalProblem } from './interval.ts';
import { workloadSpecSchema } from '../workloads/spec.ts';

const nonEmptyList = <T extends z.ZodTypeAny>(item: T) =>
  z.array(item).min(1, { error: 'must list at least one entry' });

/** Gate thresholds in percent of the base median; see stats/gate.ts. */
const gateThresholdShape = {
  /** Changes inside ±noisePct are noise; a regression must be confirmed beyond it. @default 2 */
  noisePct: z.number().min(0).max(1000).optional(),
  /** A confirmed slowdown beyond this warns (exit 0). @default 5 */
  warnPct: z.number().min(0).max(1000).optional(),
  /** A confirmed slowdown beyond this fails the gate (exit 3). @default 10 */
  failPct: z.number().min(0).max(1000).optional(),
};
export const gateThresholdSchema = z.object(gateThresholdShape).strict();

/** Thresholds for some suites, cases or metrics; later overrides win. */
export const gateOverrideSchema = z
  .object({
    ...gateThresholdShape,
    /** Only cases of this suite. @default every suite */
    suite: z.string().min(1).optional(),
    /** Only these case ids; `*` matches any run of characters. @default every case */
    case: z.string().min(1).optional(),
    /** Only this metric. @default every gated metric */
    metric: z.string().min(1).optional(),
  })
  .strict();

/** Options of `wasmbench gate` and `wasmbench compare` (the config's `gate` section). */
export const gateOptionsSchema = z
  .object({
    ...gateThresholdShape,
    /** Metrics to gate. @default per suite: startup wallNs, sleep-jitter overshootNs, throughput requestsPerSec */
    metrics: nonEmptyList(z.string().min(1)).optional(),
    /** Per suite / case / metric thresholds. @default [] */
    overrides: z.array(gateOverrideSchema).optional(),
    /** Allow-list of accepted regressions (case, reason, expiry). @default 'wasmbench-allow.json' when it exists */
    allowList: z.string().min(1).optional(),
    /** Confidence level of the ratio interval, in percent. @default 95 */
    confidencePct: z.number().gt(50).lt(100).optional(),
    /** Bootstrap resamples per metric. @default 4000 */
    resamples: z.number().int().min(100).max(1_000_000).optional(),
    /** Fewer samples on either side is inconclusive. @default 5 */
    minSamples: z.number().int().min(1).max(100_000).optional(),
  })
  .strict();

/** Options of the startup suite. */
export const startupOptionsSchema = z
  .object({
    /**
     * Fixtures (fixtures/wasm/<name>) to start.
     * @default ['noop', 'hello', 'fib', 'sha256', 'matmul', 'sqlite', 'call'] (quick: ['noop', 'hello', 'fib', 'call']);
     * `call` also adds the embedding view (callNs) for runtimes with an in-process host
     */
    fixtures: nonEmptyList(z.string().min(1)).optional(),
  })
  .strict();

/** Options of the throughput suite (see docs/throughput.md). */
export const throughputOptionsSchema = z
  .object({
    /** Server variants to load; cgi runs once per selected runtime. @default every variant */
    variants: nonEmptyList(z.enum(THROUGHPUT_VARIANTS)).optional(),
    /** Concurrent keep-alive connections of the load generator, in both phases. @default 16 */
    connections: z.number().int().min(1).max(10_000).optional(),
    /** Measured duration of each phase (max throughput, then fixed rate), ms. @default quick 3000, standard 15000, publish 30000 */
    durationMs: z.number().int().min(1000).max(3_600_000).optional(),
    /** Unrecorded closed-loop load before measuring (JIT warmup), ms. @default quick 1000, standard 3000, publish 5000 */
    warmupMs: z.number().int().min(0).max(3_600_000).optional(),
    /** Load runs (samples) per case; replaces `iterations` for this suite. @default quick 1, standard 3, publish 5 */
    iterations: z.number().int().min(1).max(1000).optional(),
    /** The fixed-rate phase runs at this fraction of the max throughput just measured. @default 0.5 */
    rateFraction: z.number().gt(0).max(1).optional(),
    /** The fixed-rate phase runs at this rate (req/s) instead of a fraction of the max. @default unset (use rateFraction) */
    ratePerSec: z.number().int().min(1).max(10_000_000).optional(),
    /** SHA-256 rounds per request: the handler's work. @default 16 */
    rounds: z.number().int().min(1).max(1_000_000).optional(),
    /** A request not answered within this many ms counts as a timeout. @default 10000 */
    requestTimeoutMs: z.number().int().min(1).max(3_600_000).optional(),
    /** Pin the server and the load generator to different CPUs with taskset, when present. @default true */
    pin: z.boolean().optional(),
  })
  .strict();

/** Options of the sleep-jitter suite (see docs/sleep-jitter.md). */
export const sleepJitterOptionsSchema = z
  .object({
    /** Requested sleep per wakeup: `1s`, `10ms`, `1.5ms`, `500us`, `250ns`. @default '1s' (quick: '10ms') */
    interval: z
      .string()
      .superRefine((text, ctx) => {
        const problem = intervalProblem(text);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .optional(),
    /**
     * Wakeups per guest process; every wakeup is one overshootNs sample. A
     * top-level `iterations` (or `--iterations`) sets this for this suite.
     * @default 10 (the original "sleep 1 s ten times" test)
     */
    iterations: z.number().int().min(1).max(1_000_000).optional(),
    /** Guest processes per case; a case has processes x iterations overshootNs samples. @default 1 */
    processes: z.number().int().min(1).max(10_000).optional(),
    /** `relative`: nanosleep(interval); `absolute`: clock_nanosleep(TIMER_ABSTIME) until start + k x interval; `both`. @default 'relative' */
    deadline: z.enum(SLEEP_DEADLINES).optional(),
    /** `cpu`: worker threads spin on the other cores while every sample runs. @default 'none' */
    load: z.enum(['none', 'cpu']).optional(),
    /** Also run the small edge cases (a zero-length sleep, 100us and 500us sleeps). @default true */
    edgeCases: z.boolean().optional(),
    /** Add the reference rows: Node setTimeout in the harness process, and cyclictest when installed. @default true */
    references: z.boolean().optional(),
  })
  .strict();

/** Everything `defineConfig({ ... })` in bench.config.ts accepts; every option is optional. */
export const userConfigSchema = z
  .object({
    /** Suites to run. @default ['startup'] */
    suites: nonEmptyList(z.enum(SUITE_IDS)).optional(),
    /** Runtime ids (see `wasmbench doctor`). @default ['node', 'native'] */
    runtimes: nonEmptyList(z.enum(RUNTIME_IDS)).optional(),
    /** Only these modes; others are skipped. @default every mode a runtime supports */
    modes: nonEmptyList(z.enum(MODES)).optional(),
    /** Only these cache states. @default every state a mode supports */
    cacheStates: nonEmptyList(z.enum(CACHE_STATES)).optional(),
    /** Sample counts and durations: quick (CI smoke), standard, publish. @default 'standard' */
    profile: z.enum(PROFILES).optional(),
    /** Recorded samples per case. @default quick 5, standard 20, publish 50 */
    iterations: z.number().int().min(1).max(100_000).optional(),
    /** Unrecorded warmup samples per case. @default quick 1, standard 3, publish 5 */
    warmups: z.number().int().min(0).max(10_000).optional(),
    /** Per-sample timeout in milliseconds; the process group is killed past it. @default 60000 */
    timeoutMs: z
      .number()
      .int()
      .min(1)
      .max(24 * 3600 * 1000)
      .optional(),
    /** Seed for the interleaving shuffle; recorded in the results. @default a random seed */
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .optional(),
    /** Output directory. @default 'results/<run-id>' */
    out: z.string().min(1).optional(),
    /** How process samples are timed. @default 'auto' (wait4 helper when a C compiler exists) */
    timing: z.enum(['auto', 'wait4-helper', 'node-spawn']).optional(),
    /** Startup suite options. */
    startup: startupOptionsSchema.optional(),
    /** Throughput suite options. */
    throughput: throughputOptionsSchema.optional(),
    /** Regression gate thresholds (`wasmbench gate` / `compare`); see docs/ci-gate.md. */
    gate: gateOptionsSchema.optional(),
    /** Sleep-jitter suite options; see docs/sleep-jitter.md. */
    sleepJitter: sleepJitterOptionsSchema.optional(),
    /**
     * Your own WASI modules (or corpus directories of them, Sightglass layout
     * understood), run instead of the startup fixtures; see README "Benchmark
     * your own module" and core/workloads/spec.ts. `--wasm` replaces this list.
     * @default [] (the startup suite runs its fixtures)
     */
    workloads: z.array(workloadSpecSchema).optional(),
  })
  .strict();

/** Keys other modules (suites landing later) may add to the schema. */
export type ConfigSchema = typeof userConfigSchema;

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) value = (value as Record<PropertyKey, unknown> | undefined)?.[key];
  return value;
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const key = issue.path.length ? issue.path.map(String).join('.') : '(top level)';
  switch (issue.code) {
    case 'unrecognized_keys':
      return `${key}: unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}; remove or rename them (see the UserConfig type in core/config/types.ts)`;
    case 'invalid_value':
      return `${key}: got ${JSON.stringify(valueAt(input, issue.path))}; use one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return `${key}: ${issue.message}`;
  }
}

/** Parse and validate; throws a UsageError (exit 2) listing every problem. */
export function validateUserConfig(input: unknown, source: string): UserConfig {
  const parsed = userConfigSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  - ${describeIssue(i, input)}`);
  return invalid(source, lines);
}

function invalid(source: string, lines: string[]): never {
  throw new UsageError(
    `invalid configuration in ${source} (${lines.length} problem${lines.length === 1 ? '' : 's'}):\n${lines.join('\n')}`,
    'correct the keys above; every option is documented with its default in core/config/types.ts',
  );
}
