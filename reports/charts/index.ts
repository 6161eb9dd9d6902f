/**
 * Every chart the results support, in report order. A builder returns null
 * when its suite or metrics are absent, so missing data means fewer charts.
 */
import type { ResultsFile } from '../../core/results/model.ts';
import { startupCacheStates, startupDistribution, startupPhases } from './startup.ts';
import { tiersChart } from './tiers.ts';
import { sleepOverTime, sleepPercentiles } from './sleep-jitter.ts';
import { throughputLatency, throughputQps } from './throughput.ts';
import type { Chart } from './types.ts';

const BUILDERS: ((file: ResultsFile) => Chart | null)[] = [
  startupDistribution,
  startupPhases,
  startupCacheStates,
  tiersChart,
  sleepPercentiles,
  sleepOverTime,
  throughputQps,
  throughputLatency,
];

export function buildCharts(file: ResultsFile): Chart[] {
  return BUILDERS.map((build) => build(file)).filter((c): c is Chart => c !== null);
}
