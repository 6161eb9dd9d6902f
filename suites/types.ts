/**
 * The suite contract. A suite turns the resolved config and the available
 * runtimes into planned cases; the run orchestrator prepares them, hands
 * them to the measuring loop and records what comes back.
 */
import type { ResolvedConfig } from '../core/config/types.ts';
import type { RunEventBus } from '../core/events.ts';
import type { LoopCase } from '../core/loop.ts';
import type { ProcessTimer } from '../core/process/timer.ts';
import type { Analysis, CaseResult, MetricUnit, SuiteId } from '../core/results/model.ts';
import type { AvailableRuntime, Detection, RuntimeAdapter } from '../runners/types.ts';

/** A runtime as a suite sees it: the adapter and what detection found. */
export interface RuntimeHandle {
  adapter: RuntimeAdapter;
  detection: Detection;
}

export interface SuiteContext {
  config: ResolvedConfig;
  runtimes: RuntimeHandle[];
  timer: ProcessTimer;
  bus: RunEventBus;
  /** A private scratch directory for this run (caches, artifacts). */
  workDir: string;
  signal: AbortSignal;
}

/** The identity and provenance of a case, before any sample. */
export type CaseHeader = Omit<CaseResult, 'status' | 'reason' | 'metrics' | 'errors' | 'warnings'>;

/** A case to measure: its header, how to prepare it, and how to take a sample. */
export interface PlannedCase {
  header: CaseHeader;
  /** Set when the case cannot run here (e.g. "not installed"): recorded as skipped. */
  skipReason?: string;
  /** Units of the metrics the case reports. */
  units: Record<string, MetricUnit>;
  /** Metrics that also get an HDR histogram. */
  histogramMetrics?: string[];
  /** Untimed, once before the loop; may update `header` (command, artifact size). A throw marks the case errored. */
  prepare(): Promise<void>;
  loopCase: LoopCase;
  /** Estimated wall time of one sample, for the progress estimate. */
  estimateSampleMs?: number;
}

export interface Suite {
  readonly id: SuiteId;
  readonly description: string;
  plan(ctx: SuiteContext): Promise<PlannedCase[]>;
  /** Cross-case analyses (e.g. crossover points), from the finished cases. */
  analyze?(cases: readonly CaseResult[]): Analysis[];
}

export function availableOnly(handle: RuntimeHandle): handle is RuntimeHandle & { detection: AvailableRuntime } {
  return handle.detection.available;
}
