/**
 * The interpreter-vs-compiled view of the startup suite: for every compute
 * fixture, runtime and cache state, each pair of the runtime's tiers gets a
 * `crossover` analysis: after how many iterations the tier that is faster
 * per iteration has paid back its slower start (stats/crossover.ts has the
 * model and the arithmetic).
 */
import type { CaseResult, CrossoverAnalysis } from '../../core/results/model.ts';
import { crossoverIterations, orderTiers, tierCostFromSamples, totalNs, type TierCost } from '../../stats/crossover.ts';

export const CROSSOVER_MODEL =
  'total(N) = timeToFirstResult + (N - 1) x steadyIter; timeToFirstResult = median over processes of (mainEntryNs + firstIterNs) ' +
  '(spawn to the end of the first in-guest iteration); steadyIter = median of iterNs after the first iteration of each process';

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
}

/** The figures of an ok compute case, or null when it lacks the metrics. */
export function tierFigures(c: CaseResult): TierFigures | null {
  const first = c.metrics.firstIterNs?.samples ?? [];
  const iters = c.metrics.iterNs?.samples ?? [];
  const mainEntry = c.metrics.mainEntryNs?.samples ?? [];
  if (c.status !== 'ok' || first.length === 0 || mainEntry.length === 0 || iters.length < 2 * first.length) return null;
  const perProcess = iters.length / first.length;
  if (!Number.isInteger(perProcess)) return null;
  const model = tierCostFromSamples({
    firstIterNs: first,
    iterNs: iters,
    mainEntryNs: mainEntry,
    steadyIterNs: c.metrics.steadyIterNs?.samples,
  });
  const cost = {
    timeToFirstResultNs: Math.round(model.timeToFirstResultNs),
    steadyIterNs: Math.round(model.steadyIterNs),
  };
  return {
    ...cost,
    mode: String(c.mode),
    modeName: c.modeName,
    cacheState: String(c.cacheState),
    host: c.host,
    iterationsPerProcess: perProcess,
    totalMeasuredNs: totalNs(cost, perProcess),
  };
}

function groupKey(c: CaseResult): string {
  return JSON.stringify([c.runtime, c.fixture, c.cacheState, c.params?.args ?? null]);
}

/** Crossover analyses for every pair of tiers measured under the same runtime, fixture, cache state and args. */
export function crossoverAnalyses(cases: readonly CaseResult[]): CrossoverAnalysis[] {
  const groups = new Map<string, { runtime: string; fixture: string; tiers: TierFigures[] }>();
  for (const c of cases) {
    if (c.params?.kind !== 'compute' || c.params?.view === 'call') continue;
    const figures = tierFigures(c);
    if (!figures) continue;
    const group = groups.get(groupKey(c)) ?? { runtime: c.runtime, fixture: c.fixture, tiers: [] };
    group.tiers.push(figures);
    groups.set(groupKey(c), group);
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
          model: CROSSOVER_MODEL,
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
