/**
 * The interpreter-vs-compiled view of the startup suite: for every compute
 * fixture or user workload, runtime and cache state, each pair of the
 * runtime's tiers gets a `crossover` analysis: after how many iterations the
 * tier that is faster per iteration has paid back its slower start
 * (stats/crossover.ts has the model and the arithmetic). A case that reports
 * `benchNs` (a Sightglass module's bench.start..bench.end region) is modelled
 * on that region, as native-ratio is; the analysis's `metric` says which.
 */
import type { CaseResult, CrossoverAnalysis } from '../../core/results/model.ts';
import {
  crossoverIterations,
  orderTiers,
  tierCostFromRegion,
  tierCostFromSamples,
  totalNs,
  type TierCost,
} from '../../stats/crossover.ts';

export const CROSSOVER_MODEL =
  'total(N) = timeToFirstResult + (N - 1) x steadyIter; timeToFirstResult = median over processes of (mainEntryNs + firstIterNs) ' +
  '(spawn to the end of the first in-guest iteration); steadyIter = median of iterNs after the first iteration of each process';

export const CROSSOVER_REGION_MODEL =
  'total(N) = timeToFirstResult + (N - 1) x steadyIter, N = runs of the bench.start..bench.end region in one process; ' +
  'timeToFirstResult = median wallNs (spawn to exit, one region included); steadyIter = median benchNs (assumes each further ' +
  'run of the region costs what the measured one did)';

/** Which per-iteration series a crossover was computed on. */
export type CrossoverMetric = 'iterNs' | 'benchNs';

/** One tier's measured figures for one case. */
export interface TierFigures extends TierCost {
  mode: string;
  modeName: string;
  cacheState: string;
  host: string;
  /** In-guest iterations per process. */
  iterationsPerProcess: number;
  /** Modelled (and, for this N, measured) total for iterationsPerProcess. */
  totalMeasuredNs: number;
  metric: CrossoverMetric;
}

/** The figures of an ok case: on its benchNs region where it has one, else its in-guest iterations; null when it has neither. */
export function tierFigures(c: CaseResult): TierFigures | null {
  if (c.status !== 'ok') return null;
  return regionFigures(c) ?? iterationFigures(c);
}

function rounded(model: TierCost): TierCost {
  return { timeToFirstResultNs: Math.round(model.timeToFirstResultNs), steadyIterNs: Math.round(model.steadyIterNs) };
}

function figures(c: CaseResult, cost: TierCost, perProcess: number, metric: CrossoverMetric): TierFigures {
  return {
    ...cost,
    mode: String(c.mode),
    modeName: c.modeName,
    cacheState: String(c.cacheState),
    host: c.host,
    iterationsPerProcess: perProcess,
    totalMeasuredNs: totalNs(cost, perProcess),
    metric,
  };
}

function regionFigures(c: CaseResult): TierFigures | null {
  const benchNs = c.metrics.benchNs?.samples ?? [];
  const wallNs = c.metrics.wallNs?.samples ?? [];
  if (benchNs.length === 0 || wallNs.length === 0) return null;
  return figures(c, rounded(tierCostFromRegion({ wallNs, benchNs })), 1, 'benchNs');
}

function iterationFigures(c: CaseResult): TierFigures | null {
  const first = c.metrics.firstIterNs?.samples ?? [];
  const iters = c.metrics.iterNs?.samples ?? [];
  const mainEntry = c.metrics.mainEntryNs?.samples ?? [];
  if (first.length === 0 || mainEntry.length === 0 || iters.length < 2 * first.length) return null;
  const perProcess = iters.length / first.length;
  if (!Number.isInteger(perProcess)) return null;
  const model = tierCostFromSamples({
    firstIterNs: first,
    iterNs: iters,
    mainEntryNs: mainEntry,
    steadyIterNs: c.metrics.steadyIterNs?.samples,
  });
  return figures(c, rounded(model), perProcess, 'iterNs');
}

/** Tiers are compared only on the same series: a region is not an iteration. */
function groupKey(c: CaseResult, metric: CrossoverMetric): string {
  return JSON.stringify([c.runtime, c.fixture, c.cacheState, c.params?.args ?? null, metric]);
}

/** Compute fixtures and user workloads (whose guests may print iter_ns or mark a region); never the call view. */
function eligible(c: CaseResult): boolean {
  return (c.params?.kind === 'compute' || c.params?.kind === 'workload') && c.params?.view !== 'call';
}

/** Crossover analyses for every pair of tiers measured under the same runtime, fixture, cache state and args. */
export function crossoverAnalyses(cases: readonly CaseResult[]): CrossoverAnalysis[] {
  const groups = new Map<string, { runtime: string; fixture: string; tiers: TierFigures[] }>();
  for (const c of cases) {
    if (!eligible(c)) continue;
    const tier = tierFigures(c);
    if (!tier) continue;
    const key = groupKey(c, tier.metric);
    const group = groups.get(key) ?? { runtime: c.runtime, fixture: c.fixture, tiers: [] };
    group.tiers.push(tier);
    groups.set(key, group);
  }
  const analyses: CrossoverAnalysis[] = [];
  for (const { runtime, fixture, tiers } of groups.values()) {
    for (let i = 0; i < tiers.length; i++) {
      for (let j = i + 1; j < tiers.length; j++) {
        const { fast, slow } = orderTiers(tiers[i], tiers[j]);
        const iterations = crossoverIterations(fast, slow);
        analyses.push({
          kind: 'crossover',
          runtime,
          fixture,
          cacheState: fast.cacheState,
          host: fast.host,
          fast: fast.mode,
          slow: slow.mode,
          fastModeName: fast.modeName,
          slowModeName: slow.modeName,
          iterations,
          // slow/fast steady iteration: near 1 the order (and N) is within noise.
          steadySpeedup:
            fast.steadyIterNs > 0 ? Math.round((slow.steadyIterNs / fast.steadyIterNs) * 1000) / 1000 : null,
          measuredIterations: fast.iterationsPerProcess,
          extrapolated: iterations !== null && iterations > fast.iterationsPerProcess,
          fastTier: tierSummary(fast),
          slowTier: tierSummary(slow),
          metric: fast.metric,
          model: fast.metric === 'benchNs' ? CROSSOVER_REGION_MODEL : CROSSOVER_MODEL,
        });
      }
    }
  }
  return analyses;
}

function tierSummary(t: TierFigures): NonNullable<CrossoverAnalysis['fastTier']> {
  return {
    timeToFirstResultNs: t.timeToFirstResultNs,
    steadyIterNs: t.steadyIterNs,
    totalMeasuredNs: t.totalMeasuredNs,
  };
}
