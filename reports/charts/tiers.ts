/**
 * Interpreter vs compiled: total time to run k iterations of a compute
 * fixture, per runtime tier, with the crossover points the suite computed
 * (results.analyses, kind "crossover") marked.
 *
 * The curve for a tier is the suite's model (stats/crossover.ts): time to
 * first result + (k − 1) x steady-state iteration. It is measured for k up to
 * the iterations one process ran (solid) and extrapolated beyond (dashed),
 * and the chart says so.
 */
import type { Analysis, CaseResult, ResultsFile } from '../../core/results/model.ts';
import {
  archOf,
  casesWithMetric,
  medianOf,
  plottableMetric,
  runtimeModeLabel,
  spansArchitectures,
} from '../report-data.ts';
import { tierCostFromSamples, totalNs } from '../../stats/crossover.ts';
import { archColumn, baseSpec, distinct, facet, timeUnitFor, toUnit, valueScale } from './common.ts';
import type { Chart } from './types.ts';
import { paybacks, paybackSentence } from '../payback.ts';

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

export interface Crossover {
  runtime: string;
  fixture: string;
  cacheState: string | null;
  fast: string;
  slow: string;
  iterations: number | null;
}

/** Subtitle lines listing crossovers before the rest is referred to the HTML table. */
const MAX_NOTES = 8;

export function crossovers(file: ResultsFile): Crossover[] {
  return (file.analyses ?? [])
    .filter((a: Analysis) => a.kind === 'crossover')
    .map((a) => ({
      runtime: String(a.runtime),
      fixture: String(a.fixture),
      cacheState: typeof a.cacheState === 'string' ? a.cacheState : null,
      fast: String(a.fast),
      slow: String(a.slow),
      iterations: typeof a.iterations === 'number' ? a.iterations : null,
    }));
}

/** "node fib: optimizing beats tiered from 450 iterations". */
export function crossoverSentence(x: Crossover): string {
  const when =
    x.iterations === null
      ? 'never within the measured range'
      : x.iterations === 1
        ? 'from the first iteration'
        : `from ${x.iterations} iterations`;
  return `${x.runtime} ${x.fixture}${x.cacheState && x.cacheState !== 'cold' ? ` (${x.cacheState})` : ''}: ${x.fast} beats ${x.slow} ${when}`;
}

/** "+ compile" curves and when compiling pays, counting the compile (precompileNs). */
function paybackNotes(file: ResultsFile): string[] {
  const all = paybacks(file).map(paybackSentence);
  if (all.length === 0) return [];
  const shown =
    all.length > MAX_NOTES
      ? [...all.slice(0, MAX_NOTES - 1), `… and ${all.length - MAX_NOTES + 1} more (see report.html)`]
      : all;
  return [
    '"+ compile": the precompiled tier started after its measured compile (precompileNs). When compiling pays:',
    ...shown.map((n) => `  • ${n}`),
  ];
}

/** Iteration counts to draw: 1, the measured range, then log-spaced up to kMax. */
function iterationGrid(measured: number, kMax: number): number[] {
  const ks = new Set<number>();
  for (let k = 1; k <= measured; k++) ks.add(k);
  for (let e = Math.log10(Math.max(1, measured)); e <= Math.log10(kMax) + 1e-9; e += 0.1) ks.add(Math.round(10 ** e));
  return [...ks].sort((a, b) => a - b);
}

export function tiersChart(file: ResultsFile): Chart | null {
  const models = [...tierModels(file), ...compileThenRunModels(file)];
  if (models.length === 0) return null;
  const marks = crossovers(file).filter((x) => models.some((m) => m.runtime === x.runtime && m.fixture === x.fixture));
  // Each fixture's x range reaches well past its own crossovers (or 1000 iterations).
  const kMaxOf = (fixture: string) =>
    Math.max(1000, ...marks.filter((x) => x.fixture === fixture).map((x) => (x.iterations ?? 0) * 10));
  const unit = timeUnitFor([medianOf(models.map((m) => totalNs(m, 1)))]);
  const values = models.flatMap((m) =>
    iterationGrid(m.measuredIterations, kMaxOf(m.fixture)).map((k) => ({
      fixture: m.fixture,
      arch: m.arch,
      series: m.series,
      k,
      totalTime: toUnit(totalNs(m, k), unit),
      part: k <= m.measuredIterations ? 'measured' : 'extrapolated',
    })),
  );
  // The extrapolated line starts where the measured one ends, so the two join.
  for (const m of models)
    values.push({
      fixture: m.fixture,
      arch: m.arch,
      series: m.series,
      k: m.measuredIterations,
      totalTime: toUnit(totalNs(m, m.measuredIterations), unit),
      part: 'extrapolated',
    });
  const points = marks
    .filter((x) => x.iterations !== null)
    .flatMap((x) =>
      models
        .filter(
          (m) =>
            m.runtime === x.runtime &&
            m.fixture === x.fixture &&
            m.mode === x.fast &&
            (x.cacheState === null || x.cacheState === m.cacheState),
        )
        .map((m) => ({
          fixture: m.fixture,
          arch: m.arch,
          k: x.iterations!,
          totalTime: toUnit(totalNs(m, x.iterations!), unit),
          label: `k=${x.iterations}`,
          detail: `${x.runtime}: ${x.fast} beats ${x.slow} from ${x.iterations} iterations`,
        })),
    )
    // alternate labels above and below their marker so neighbours do not overprint
    .sort((a, b) => a.k - b.k)
    .map((p, i) => ({ ...p, below: i % 2 === 1 }));
  const notes = marks.map(crossoverSentence);
  const shownNotes =
    notes.length > MAX_NOTES
      ? [
          ...notes.slice(0, MAX_NOTES - 1),
          `… and ${notes.length - MAX_NOTES + 1} more (see the crossover table in report.html)`,
        ]
      : notes;
  const fixtures = distinct(models.map((m) => m.fixture));
  // One panel per fixture, each with its own ranges: no shared explicit domain.
  const single = fixtures.length === 1;
  const x = {
    field: 'k',
    type: 'quantitative',
    scale: single ? { type: 'log', nice: false, domain: [1, kMaxOf(fixtures[0])] } : { type: 'log' },
    title: 'iterations run by one process (log scale)',
    axis: { format: '~s' },
  };
  const y = {
    field: 'totalTime',
    type: 'quantitative',
    scale: single ? valueScale(values.map((v) => v.totalTime)) : { type: 'log' },
    title: `total time to finish k iterations (${unit.label}, log scale)`,
  };
  const spec = {
    ...baseSpec('Interpreter vs compiled: total time vs iterations', [
      'Model: time to first result (spawn to end of first in-guest iteration) + (k − 1) × steady-state iteration (medians).',
      'Solid line and dots: the iterations one process actually ran; dashed: extrapolated.',
      ...(notes.length
        ? ['Crossovers (◆, from the results):', ...shownNotes.map((n) => `  • ${n}`)]
        : ['No crossover analysis in the results.']),
      ...paybackNotes(file),
    ]),
    data: { values: [...values, ...points] },
    width: 520,
    height: 300,
    layer: [
      {
        transform: [{ filter: 'datum.series != null' }],
        mark: { type: 'line', strokeWidth: 2 },
        encoding: {
          x,
          y,
          color: { field: 'series', type: 'nominal', title: 'runtime and tier' },
          strokeDash: {
            field: 'part',
            type: 'nominal',
            title: 'curve',
            scale: {
              domain: ['measured', 'extrapolated'],
              range: [
                [1, 0],
                [5, 4],
              ],
            },
          },
          detail: { field: 'series' },
          tooltip: [
            { field: 'series' },
            { field: 'k', title: 'iterations' },
            { field: 'totalTime', title: `total (${unit.label})` },
            { field: 'part' },
          ],
        },
      },
      {
        transform: [{ filter: "datum.part == 'measured'" }],
        mark: { type: 'point', filled: true, size: 30 },
        encoding: { x, y, color: { field: 'series', type: 'nominal' } },
      },
      {
        transform: [{ filter: 'datum.label != null' }],
        mark: { type: 'point', shape: 'diamond', size: 120, filled: true, color: 'black' },
        encoding: { x, y, tooltip: [{ field: 'detail', title: 'crossover' }] },
      },
      {
        transform: [{ filter: 'datum.label != null && !datum.below' }],
        mark: { type: 'text', align: 'left', dx: 8, dy: -9, fontSize: 10 },
        encoding: { x, y, text: { field: 'label' } },
      },
      {
        transform: [{ filter: 'datum.label != null && datum.below' }],
        mark: { type: 'text', align: 'left', dx: 8, dy: 12, fontSize: 10 },
        encoding: { x, y, text: { field: 'label' } },
      },
    ],
  };
  const faceted = facet(
    spec,
    {
      row: fixtures.length > 1 ? { field: 'fixture', title: 'fixture' } : undefined,
      column: archColumn(spansArchitectures(file)),
    },
    { scale: { x: 'independent', y: 'independent' } },
  );
  return {
    name: 'tiers-crossover',
    suite: 'startup',
    caption: 'Total time vs number of iterations per tier, crossover points marked.',
    spec: faceted,
  };
}
