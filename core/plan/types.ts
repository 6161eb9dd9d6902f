/**
 * The suite contract. A suite says what it needs (through the planner,
 * core/plan/matrix.ts) and turns the planned cells into cases; the run
 * orchestrator prepares them, hands them to the measuring loop and records
 * what comes back. Suites are passed in (see suites/registry.ts): core
 * never imports one.
 */
import type { ResolvedConfig } from '../config/types.ts';
import type { RunEventBus } from '../events.ts';
import type { LoopCase } from '../loop.ts';
import type { ProcessTimer } from '../process/timer.ts';
import type { Analysis, CaseResult, MetricUnit, SuiteId, MetricResult } from '../results/model.ts';
import type { AvailableRuntime, Detection, RuntimeAdapter } from '../../runners/types.ts';
import type { SkipReason } from './skip.ts';
import type { MetricSemantics } from '../results/semantics.ts';
import type { LoadedWorkloads } from '../workloads/load.ts';

/** A runtime as a suite sees it: the adapter and what detection found. */
export interface RuntimeHandle {
  adapter: RuntimeAdapter;
  detection: Detection;
}

export type AvailableHandle = RuntimeHandle & { detection: AvailableRuntime };

export interface SuiteContext {
  config: ResolvedConfig;
  runtimes: RuntimeHandle[];
  timer: ProcessTimer;
  bus: RunEventBus;
  /** A private scratch directory for this run (caches, artifacts). */
  workDir: string;
  signal: AbortSignal;
  /** The user's own workloads (`--wasm`, `workloads` in the config), checked before the run; absent: the suites' fixtures. */
  workloads?: LoadedWorkloads;
}

/** The identity and provenance of a case, before any sample. */
export type CaseHeader = Omit<CaseResult, 'status' | 'reason' | 'skip' | 'metrics' | 'errors' | 'warnings'>;

/** A case to measure: its header, how to prepare it, and how to take a sample. */
export interface PlannedCase {
  header: CaseHeader;
  /** Set when the case cannot run here: recorded as skipped. */
  skip?: SkipReason;
  /** The sentence of `skip` (see skipSentence), recorded as the case's reason. */
  skipReason?: string;
  /** Units of the metrics the case reports. */
  units: Record<string, MetricUnit>;
  /** What a metric means beyond its unit (better direction, load, correction); else defaultSemantics. */
  semantics?: Record<string, MetricSemantics>;
  /**
   * Metrics that also get an HDR histogram. Past RAW_SAMPLES_LIMIT samples
   * (core/results/recorder.ts) such a metric is stored as the histogram alone.
   */
  histogramMetrics?: string[];
  /** High-volume metrics (per-request latencies) stored as an HDR histogram from the first value; raw values go to samples.parquet. */
  streamMetrics?: string[];
  /** Untimed, once before the loop; may update `header` (command, artifact size). A throw marks the case errored. */
  prepare(): Promise<void>;
  loopCase: LoopCase;
  /** Estimated wall time of one sample, for the progress estimate. */
  estimateSampleMs?: number;
  /** Metrics measured in prepare(), outside the loop (e.g. precompileNs): recorded with the case. */
  preparedMetrics?: Record<string, MetricResult>;
}

export interface Suite {
  readonly id: SuiteId;
  readonly description: string;
  plan(ctx: SuiteContext): Promise<PlannedCase[]>;
  /** Cross-case analyses (e.g. crossover points), from the finished cases. */
  analyze?(cases: readonly CaseResult[]): Analysis[];
}

export function availableOnly(handle: RuntimeHandle): handle is AvailableHandle {
  return handle.detection.available;
}
