/**
 * The results file: wasmbench's public data contract (schemaVersion 1).
 * Fields may be added; renaming or removing one needs a schemaVersion bump
 * and a reader for the old version.
 */
import type { CacheState, HostKind, Mode } from '../../runners/types.ts';
import type { Summary } from '../../stats/summary.ts';
import type { HistogramRecord } from '../../stats/histogram.ts';
import type { SkipReason } from '../plan/skip.ts';

export const SCHEMA_VERSION = 1;

export const SUITE_IDS = ['startup', 'sleep-jitter', 'throughput'] as const;
export type SuiteId = (typeof SUITE_IDS)[number];

export type MetricUnit = 'ns' | 'us' | 'bytes' | 'count' | 'req/s';

export interface MetricResult {
  unit: MetricUnit;
  /** Every recorded sample, in the order taken. Integers for times. */
  samples: number[];
  summary: Summary | null;
  /** HDR histogram (see stats/histogram.ts), where the metric has one. */
  histogram?: HistogramRecord;
  /** Free-form facts about how this metric was obtained. */
  notes?: string[];
}

export type CaseStatus = 'ok' | 'errored' | 'skipped';

/** One failed sample: kept with its stderr tail, never silently dropped. */
export interface SampleError {
  index: number;
  kind: 'exit' | 'signal' | 'timeout' | 'wrong-output' | 'spawn' | 'protocol' | 'internal';
  message: string;
  stderrTail: string;
}

export interface CaseResult {
  id: string;
  suite: SuiteId;
  runtime: string;
  host: HostKind;
  /** `*` only on a skipped case that stands for a whole runtime (e.g. not installed). */
  mode: Mode | '*';
  modeName: string;
  cacheState: CacheState | '*';
  fixture: string;
  params: Record<string, unknown>;
  status: CaseStatus;
  reason?: string;
  /** Why a skipped case did not run, as data (`reason` is its sentence). */
  skip?: SkipReason;
  /** The exact argv of a sample; argv[0] is an absolute executable path. */
  command: string[];
  /** Runtime flags that select the mode. */
  flags: string[];
  metrics: Record<string, MetricResult>;
  errors: SampleError[];
  warnings: string[];
  /** How the process samples were timed: `wait4-helper` or `node-spawn`. */
  timing?: string;
  warmups: number;
  artifactBytes?: number;
  /** Set by `wasmbench merge`: the run this case was measured in. */
  runId?: string;
  /** Set by `wasmbench merge`: the environment of that run (arch, cpuModel, ...); else see the file's `environment`. */
  environment?: Record<string, unknown>;
}

export interface RuntimeRecord {
  id: string;
  host: HostKind;
  available: boolean;
  version: string | null;
  path: string | null;
  arch: string;
  modes: { mode: Mode; modeName: string; flags: string[]; cacheStates: CacheState[] }[];
  reason?: string;
  install?: string;
  notes?: string[];
  /** Tiers this build lacks, with the reason; their cases are recorded as skipped. */
  unsupportedModes?: { mode: Mode; modeName: string; reason: string }[];
}

export interface Analysis {
  kind: string;
  [key: string]: unknown;
}

export interface ResultsFile {
  schemaVersion: typeof SCHEMA_VERSION;
  runId: string;
  startedAt: string;
  finishedAt: string | null;
  /** `complete`, or `interrupted` when Ctrl-C / a crash cut the run short. */
  state: 'running' | 'complete' | 'interrupted';
  tool: { name: 'wasmbench'; version: string };
  seed: number;
  config: unknown;
  environment: Record<string, unknown>;
  runtimes: RuntimeRecord[];
  cases: CaseResult[];
  analyses: Analysis[];
}
