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
import type { Analysis, ResultsFile } from '../../core/results/model.ts';
import { medianOf, spansArchitectures } from '../report-data.ts';
import { archColumn, baseSpec, distinct, facet, timeUnitFor, toUnit, valueScale } from './common.ts';
import type { Chart } from './types.ts';
import { paybacks, paybackSentence } from '../payback.ts';
import { compileThenRunModels, tierModels, totalNs } from './tier-models.ts';

export { compileThenRunModels, type TierModel, tierModels, totalNs } from './tier-models.ts';

export interface Crossover {
  runtime: string;
  fixture: string;
  cacheState: string | null;
  fast: string;
  slow: string;
  iterations: number | null;
  /** `benchNs`: N counts runs of a Sightglass module's measured region, not in-guest iterations. */
  metric: string;
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
      metric: typeof a.metric === 'string' ? a.metric : 'iterNs',
    }));
}

/** "node fib: optimizing beats tiered from 450 iterations" ("runs of the bench region" for a benchNs crossover). */
export function crossoverSentence(x: Crossover): string {
  const region = x.metric === 'benchNs';
  const when =
    x.iterations === null
      ? 'never within the measured range'
      : x.iterations === 1
        ? region
          ? 'from the first run of the bench region'
          : 'from the first iteration'
        : `from ${x.iterations} ${region ? 'runs of the bench region' : 'iterations'}`;
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
  // The curves are in-guest iterations; a benchNs crossover (runs of a region) is in the tables, not on this axis.
  const marks = crossovers(file).filter(
    (x) => x.metric !== 'benchNs' && models.some((m) => m.runtime === x.runtime && m.fixture === x.fixture),
  );
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
