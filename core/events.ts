/**
 * The run's event stream. The loop and suites emit; the results recorder
 * and the progress display subscribe. Nothing prints from inside the loop.
 */
import { EventEmitter } from 'node:events';
import type { CaseStatus, SampleError, SuiteId } from './results/model.ts';

export type SamplePhase = 'warmup' | 'measure';

export interface RunEvents {
  'suite-start': [{ suite: SuiteId; cases: number; samples: number; estimateMs: number | null }];
  'case-prepared': [{ caseId: string; prepareMs: number }];
  'case-skipped': [{ caseId: string; reason: string }];
  sample: [{ caseId: string; phase: SamplePhase; index: number; metrics: SampleMetrics }];
  'sample-error': [{ caseId: string; phase: SamplePhase; error: SampleError }];
  'case-done': [{ caseId: string; status: CaseStatus; reason?: string }];
  'suite-done': [{ suite: SuiteId }];
  /** A fact about one case worth keeping in its results (e.g. "client-bound"). */
  'case-warning': [{ caseId: string; text: string }];
  message: [{ level: 'info' | 'warn'; text: string }];
}

/** Metric values from one sample: a number, or several (e.g. per-iteration times). */
export type SampleMetrics = Record<string, number | number[]>;

export class RunEventBus extends EventEmitter<RunEvents> {}
