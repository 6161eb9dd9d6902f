/**
 * User-facing options (every field optional, documented with its default)
 * and their resolved form (every field present). `defineConfig` takes the
 * first; the run works from the second.
 */
import type { CacheState, Mode } from '../../runners/types.ts';
import type { SuiteId } from '../results/model.ts';

export const PROFILES = ['quick', 'standard', 'publish'] as const;
export type ProfileName = (typeof PROFILES)[number];

/** Options of the startup suite. */
export interface StartupOptions {
  /**
   * Fixtures (fixtures/wasm/<name>) to start.
   * @default ['noop', 'hello', 'fib', 'sha256', 'matmul', 'sqlite', 'call'] (quick: ['noop', 'hello', 'fib', 'call']);
   * `call` also adds the embedding view (callNs) for runtimes with an in-process host
   */
  fixtures?: string[];
}

/** Server variants of the throughput suite (see docs/throughput.md). */
export const THROUGHPUT_VARIANTS = ['node-js', 'node-wasm-reuse', 'node-wasm-fresh', 'cgi', 'wasmtime-serve'] as const;
export type ThroughputVariant = (typeof THROUGHPUT_VARIANTS)[number];

/** Options of the throughput suite. */
export interface ThroughputOptions {
  /** Server variants to load; cgi runs once per selected runtime. @default every variant */
  variants?: ThroughputVariant[];
  /** Concurrent keep-alive connections of the load generator, in both phases. @default 16 */
  connections?: number;
  /** Measured duration of each phase (max throughput, then fixed rate), ms. @default quick 3000, standard 15000, publish 30000 */
  durationMs?: number;
  /** Unrecorded closed-loop load before measuring (JIT warmup), ms. @default quick 1000, standard 3000, publish 5000 */
  warmupMs?: number;
  /** Load runs (samples) per case; replaces `iterations` for this suite. @default quick 1, standard 3, publish 5 */
  iterations?: number;
  /** The fixed-rate phase runs at this fraction of the max throughput just measured. @default 0.5 */
  rateFraction?: number;
  /** The fixed-rate phase runs at this rate (req/s) instead of a fraction of the max. @default unset (use rateFraction) */
  ratePerSec?: number;
  /** SHA-256 rounds per request: the handler's work. @default 16 */
  rounds?: number;
  /** A request not answered within this many ms counts as a timeout. @default 10000 */
  requestTimeoutMs?: number;
  /** Pin the server and the load generator to different CPUs with taskset, when present. @default true */
  pin?: boolean;
}

/** Deadline modes of the sleep-jitter guest (see docs/sleep-jitter.md). */
export const SLEEP_DEADLINES = ['relative', 'absolute', 'both'] as const;
export type SleepDeadline = (typeof SLEEP_DEADLINES)[number];

/** Options of the sleep-jitter suite (see docs/sleep-jitter.md). */
export interface SleepJitterOptions {
  /** Requested sleep per wakeup: `1s`, `10ms`, `1.5ms`, `500us`, `250ns`. @default '1s' (quick: '10ms') */
  interval?: string;
  /**
   * Wakeups per guest process; every wakeup is one overshootNs sample. A
   * top-level `iterations` (or `--iterations`) sets this for this suite.
   * @default 10 (the original "sleep 1 s ten times" test)
   */
  iterations?: number;
  /** Guest processes per case; a case has processes x iterations overshootNs samples. @default 1 */
  processes?: number;
  /** `relative`: nanosleep(interval); `absolute`: clock_nanosleep(TIMER_ABSTIME) until start + k x interval; `both`. @default 'relative' */
  deadline?: SleepDeadline;
  /** `cpu`: worker threads spin on the other cores while every sample runs. @default 'none' */
  load?: 'none' | 'cpu';
  /** Also run the small edge cases (a zero-length sleep, 100us and 500us sleeps). @default true */
  edgeCases?: boolean;
  /** Add the reference rows: Node setTimeout in the harness process, and cyclictest when installed. @default true */
  references?: boolean;
}

/** Gate thresholds in percent of the base median; see stats/gate.ts. */
export interface GateThresholdOptions {
  /** Changes inside ±noisePct are noise; a regression must be confirmed beyond it. @default 2 */
  noisePct?: number;
  /** A confirmed slowdown beyond this warns (exit 0). @default 5 */
  warnPct?: number;
  /** A confirmed slowdown beyond this fails the gate (exit 3). @default 10 */
  failPct?: number;
}

/** Thresholds for some suites, cases or metrics; later overrides win. */
export interface GateOverride extends GateThresholdOptions {
  /** Only cases of this suite. @default every suite */
  suite?: string;
  /** Only these case ids; `*` matches any run of characters. @default every case */
  case?: string;
  /** Only this metric. @default every gated metric */
  metric?: string;
}

/** Options of `wasmbench gate` and `wasmbench compare`. */
export interface GateOptions extends GateThresholdOptions {
  /** Metrics to gate. @default per suite: startup wallNs, sleep-jitter overshootNs, throughput requestsPerSec */
  metrics?: string[];
  /** Per suite / case / metric thresholds. @default [] */
  overrides?: GateOverride[];
  /** Allow-list of accepted regressions (case, reason, expiry). @default 'wasmbench-allow.json' when it exists */
  allowList?: string;
  /** Confidence level of the ratio interval, in percent. @default 95 */
  confidencePct?: number;
  /** Bootstrap resamples per metric. @default 4000 */
  resamples?: number;
  /** Fewer samples on either side is inconclusive. @default 5 */
  minSamples?: number;
}

export interface UserConfig {
  /** Suites to run. @default ['startup'] */
  suites?: SuiteId[];
  /** Runtime ids (see `wasmbench doctor`). @default ['node', 'native'] */
  runtimes?: string[];
  /** Only these modes; others are skipped. @default every mode a runtime supports */
  modes?: Mode[];
  /** Only these cache states. @default every state a mode supports */
  cacheStates?: CacheState[];
  /** Sample counts and durations: quick (CI smoke), standard, publish. @default 'standard' */
  profile?: ProfileName;
  /** Recorded samples per case. @default quick 5, standard 20, publish 50 */
  iterations?: number;
  /** Unrecorded warmup samples per case. @default quick 1, standard 3, publish 5 */
  warmups?: number;
  /** Per-sample timeout in milliseconds; the process group is killed past it. @default 60000 */
  timeoutMs?: number;
  /** Seed for the interleaving shuffle; recorded in the results. @default a random seed */
  seed?: number;
  /** Output directory. @default 'results/<run-id>' */
  out?: string;
  /** How process samples are timed. @default 'auto' (wait4 helper when a C compiler exists) */
  timing?: 'auto' | 'wait4-helper' | 'node-spawn';
  /** Throughput suite options. */
  throughput?: ThroughputOptions;
  /** Startup suite options. */
  startup?: StartupOptions;
  /** Sleep-jitter suite options; see docs/sleep-jitter.md. */
  sleepJitter?: SleepJitterOptions;
  /** Regression gate thresholds (`wasmbench gate` / `compare`); see docs/ci-gate.md. */
  gate?: GateOptions;
}

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
  /** Where the config came from, for the results file. */
  source: string | null;
}

/** Typed identity helper for bench.config.ts. */
export function defineConfig(config: UserConfig): UserConfig {
  return config;
}
