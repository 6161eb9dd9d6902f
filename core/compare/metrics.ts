/** Which metrics compare/gate look at by default, and which way is better for each. */
import type { CaseResult, MetricResult } from '../results/model.ts';
import type { Direction } from '../../stats/compare.ts';
import { defaultSemantics } from '../results/semantics.ts';

/**
 * The headline metric of each suite: gating every metric of every case would
 * multiply the false alarms (six startup metrics = six chances to wobble).
 */
export const DEFAULT_GATED_METRICS: Record<string, string[]> = {
  startup: ['wallNs'],
  'sleep-jitter': ['overshootNs'],
  throughput: ['requestsPerSec'],
};

/** The metrics to compare for a case: the configured list, or its suite's headline. */
export function metricsFor(c: CaseResult, configured: readonly string[] | undefined): string[] {
  return [...(configured ?? DEFAULT_GATED_METRICS[c.suite] ?? ['wallNs'])];
}

/** The direction the results state (`semantics.better`); for files written before it was recorded, by unit and name. */
export function directionOf(name: string, metric: Pick<MetricResult, 'unit' | 'semantics'>): Direction {
  const better = metric.semantics?.better ?? defaultSemantics(name, metric.unit).better;
  return better === 'higher' ? 'higher-is-better' : 'lower-is-better';
}
