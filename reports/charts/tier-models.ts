/**
 * The per-tier cost model the tiers chart draws: for each runtime x mode x
 * fixture x arch, time to first result and steady-state iteration, taken
 * from the crossover analysis when there is one (so the curves meet at its
 * points), else from the case's samples (stats/crossover.ts).
 */
import type { CaseResult, ResultsFile } from '../../core/results/model.ts';
import { archOf, casesWithMetric, medianOf, plottableMetric, runtimeModeLabel } from '../report-data.ts';
import { tierCostFromSamples, totalNs } from '../../stats/crossover.ts';

/** Which case stands for a tier when several cache states were measured: the first run a user pays for. */
const CACHE_PREFERENCE = ['cold', 'precompiled', 'warm'];

export interface TierModel {
  fixture: string;
  arch: string;
  runtime: string;
  mode: string;
  cacheState: string;
  series: string;
  /** Iterations one process ran (the measured part of the curve). */
  measuredIterations: number;
  /** Spawn to the end of the first in-guest iteration. */
  timeToFirstResultNs: number;
  steadyIterNs: number;
}

/** Total time of k iterations under the model (stats/crossover.ts). */
export { totalNs };

/**
 * The tier's figures as the crossover analysis computed them (so the curves
 * meet exactly at the marked points), else from the case's samples with the
 * same method: median over processes of mainEntry + first iteration, median
 * of the iterations after each process's first.
 */
function tierModel(c: CaseResult, file: ResultsFile): TierModel {
  const samples = (name: string) => plottableMetric(c, name)?.samples ?? [];
  const model = tierCostFromSamples({
    firstIterNs: samples('firstIterNs'),
    iterNs: samples('iterNs'),
    mainEntryNs: samples('mainEntryNs'),
    steadyIterNs: samples('steadyIterNs'),
    wallNs: samples('wallNs'),
  });
  const base = {
    fixture: c.fixture,
    arch: archOf(c, file),
    runtime: c.runtime,
    mode: c.mode,
    cacheState: c.cacheState,
    series: runtimeModeLabel(c),
    measuredIterations: model.iterationsPerProcess,
  };
  const fromAnalysis = analysedFigures(file, c);
  if (fromAnalysis) return { ...base, ...fromAnalysis };
  return { ...base, timeToFirstResultNs: model.timeToFirstResultNs, steadyIterNs: model.steadyIterNs };
}

/** fastTier/slowTier figures a crossover analysis recorded for this case's runtime, fixture, mode and cache state. */
function analysedFigures(
  file: ResultsFile,
  c: CaseResult,
): { timeToFirstResultNs: number; steadyIterNs: number } | null {
  for (const a of file.analyses ?? []) {
    if (a.kind !== 'crossover' || a.runtime !== c.runtime || a.fixture !== c.fixture) continue;
    // A crossover on a benchNs region models runs of the region, not the iterations this chart draws.
    if (a.metric === 'benchNs') continue;
    if (a.cacheState !== undefined && a.cacheState !== c.cacheState) continue;
    const tier = (a.fast === c.mode ? a.fastTier : a.slow === c.mode ? a.slowTier : null) as Record<
      string,
      unknown
    > | null;
    if (tier && typeof tier.timeToFirstResultNs === 'number' && typeof tier.steadyIterNs === 'number') {
      return { timeToFirstResultNs: tier.timeToFirstResultNs, steadyIterNs: tier.steadyIterNs };
    }
  }
  return null;
}

/**
 * Compile-then-run: each precompiled tier that measured precompileNs, its
 * curve started after the compile, so the chart shows when compiling pays.
 */
export function compileThenRunModels(file: ResultsFile): TierModel[] {
  return casesWithMetric(file, 'startup', 'iterNs')
    .filter(
      (c) =>
        c.params?.view !== 'call' &&
        c.cacheState === 'precompiled' &&
        (plottableMetric(c, 'precompileNs')?.samples.length ?? 0) > 0,
    )
    .map((c) => {
      const m = tierModel(c, file);
      return {
        ...m,
        series: `${m.series}, precompiled + compile`,
        timeToFirstResultNs: m.timeToFirstResultNs + medianOf(plottableMetric(c, 'precompileNs')!.samples),
      };
    });
}

/** One model per runtime x mode x fixture x arch, from the preferred cache state. */
export function tierModels(file: ResultsFile): TierModel[] {
  const cases = casesWithMetric(file, 'startup', 'iterNs').filter((c) => c.params?.view !== 'call');
  const rank = (c: CaseResult) => {
    const i = CACHE_PREFERENCE.indexOf(c.cacheState);
    return i < 0 ? CACHE_PREFERENCE.length : i;
  };
  const chosen = new Map<string, CaseResult>();
  for (const c of cases) {
    const key = [c.runtime, c.mode, c.fixture, archOf(c, file)].join('|');
    const prev = chosen.get(key);
    if (!prev || rank(c) < rank(prev)) chosen.set(key, c);
  }
  return [...chosen.values()].map((c) => tierModel(c, file));
}
