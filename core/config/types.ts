/**
 * User-facing options (every field optional, documented with its default)
 * and their resolved form (every field present). `defineConfig` takes the
 * first; the run works from the second. The option types are inferred from
 * the zod schema in schema.ts, where each option is documented (TSDoc with
 * @default, shown by editors on these types).
 */
import type { z } from 'zod';
import type { WorkloadSpec } from '../workloads/spec.ts';
import type { CacheState, Mode } from '../../runners/types.ts';
import type { SuiteId } from '../results/model.ts';
import type {
  gateOptionsSchema,
  gateOverrideSchema,
  gateThresholdSchema,
  sleepJitterOptionsSchema,
  startupOptionsSchema,
  throughputOptionsSchema,
  userConfigSchema,
} from './schema.ts';

export const PROFILES = ['quick', 'standard', 'publish'] as const;
export type ProfileName = (typeof PROFILES)[number];

/** Server variants of the throughput suite (see docs/throughput.md). */
export const THROUGHPUT_VARIANTS = ['node-js', 'node-wasm-reuse', 'node-wasm-fresh', 'cgi', 'wasmtime-serve'] as const;
export type ThroughputVariant = (typeof THROUGHPUT_VARIANTS)[number];

/** Deadline modes of the sleep-jitter guest (see docs/sleep-jitter.md). */
export const SLEEP_DEADLINES = ['relative', 'absolute', 'both'] as const;
export type SleepDeadline = (typeof SLEEP_DEADLINES)[number];

/** Everything `defineConfig({ ... })` accepts. */
export type UserConfig = z.infer<typeof userConfigSchema>;
/** Options of the startup suite. */
export type StartupOptions = z.infer<typeof startupOptionsSchema>;
/** Options of the throughput suite. */
export type ThroughputOptions = z.infer<typeof throughputOptionsSchema>;
/** Options of the sleep-jitter suite. */
export type SleepJitterOptions = z.infer<typeof sleepJitterOptionsSchema>;
/** Gate thresholds in percent of the base median. */
export type GateThresholdOptions = z.infer<typeof gateThresholdSchema>;
/** Thresholds for some suites, cases or metrics. */
export type GateOverride = z.infer<typeof gateOverrideSchema>;
/** Options of `wasmbench gate` and `wasmbench compare`. */
export type GateOptions = z.infer<typeof gateOptionsSchema>;

export interface ResolvedConfig {
  suites: SuiteId[];
  runtimes: string[];
  modes: Mode[] | null;
  cacheStates: CacheState[] | null;
  profile: ProfileName;
  iterations: number;
  warmups: number;
  timeoutMs: number;
  seed: number;
  out: string;
  timing: 'auto' | 'wait4-helper' | 'node-spawn';
  startup: Required<StartupOptions>;
  /** Throughput suite options as given; the suite applies its profile defaults (suites/throughput/options.ts). */
  throughput?: ThroughputOptions;
  /** Sleep-jitter options as given, with a top-level `iterations` copied in; the suite applies its defaults (suites/sleep-jitter/options.ts). */
  sleepJitter?: SleepJitterOptions;
  /** The user's own modules as given; checked and expanded by core/workloads/load.ts before the run. */
  workloads: WorkloadSpec[];
  /** Relative workload paths are resolved from here (the config file's directory, or the cwd for `--wasm`). */
  workloadsBaseDir: string;
  /** Where the config came from, for the results file. */
  source: string | null;
}

/** Typed identity helper for bench.config.ts. */
export function defineConfig(config: UserConfig): UserConfig {
  return config;
}
