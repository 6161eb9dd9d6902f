/**
 * Startup charts: the cold-start distribution per runtime x mode, the
 * stacked phases of a start (compile / instantiate / execute / the rest of
 * the process), and wall time by cache state.
 */
import { stripNote, stripValues } from './points.ts';
import { metricCount, metricQuantile } from '../../core/results/metric-view.ts';
import type { CaseResult, ResultsFile } from '../../core/results/model.ts';
import {
  archOf,
  casesWithMetric,
  medianOf,
  plottableMetric,
  runtimeModeLabel,
  spansArchitectures,
} from '../report-data.ts';
import { archColumn, baseSpec, distinct, facet, scaleNote, timeUnitFor, toUnit, valueScale } from './common.ts';
import type { Chart } from './types.ts';

const CACHE_ORDER = ['cold', 'warm', 'precompiled'];

/** The series label: runtime and mode, plus the cache state when a runtime was measured in several. */
function seriesLabeller(cases: readonly CaseResult[]): (c: CaseResult) => string {
  const states = new Map<string, Set<string>>();
  for (const c of cases) (states.get(c.runtime) ?? states.set(c.runtime, new Set()).get(c.runtime)!).add(c.cacheState);
  return (c) => `${runtimeModeLabel(c)}${(states.get(c.runtime)?.size ?? 0) > 1 ? ` · ${c.cacheState}` : ''}`;
}

/** Deterministic jitter in [0, 1) so a re-render draws the same picture. */
const jitter = (i: number): number => +((i * 0.6180339887) % 1).toFixed(3);

/** Height of one runtime x mode row in the distribution plot. */
const ROW_STEP_PX = 28;

/** Box plot plus every sample as a point, one row per runtime x mode, a panel per fixture. */
export function startupDistribution(file: ResultsFile): Chart | null {
  const cases = casesWithMetric(file, 'startup', 'wallNs');
  if (cases.length === 0) return null;
  const label = seriesLabeller(cases);
  const strips = cases.map((c) => stripValues(plottableMetric(c, 'wallNs')!, `case "${c.id}" metric "wallNs"`));
  const unit = timeUnitFor([medianOf(strips.flatMap((s) => s.values))]);
  const values = cases.flatMap((c, k) =>
    strips[k].values.map((ns, i) => ({
      fixture: c.fixture,
      arch: archOf(c, file),
      runtime: c.runtime,
      series: label(c),
      wall: toUnit(ns, unit),
      jitter: jitter(i),
    })),
  );
  const samples = cases.reduce((n, c) => n + metricCount(plottableMetric(c, 'wallNs')!), 0);
  // Baselines (native, a container) and wasm runtimes on one axis: log, so each stays readable.
  const scale = valueScale(
    values.map((v) => v.wall),
    { preferLog: cases.some((c) => c.runtime === 'container') },
  );
  const series = distinct(values.map((v) => v.series));
  const x = {
    field: 'wall',
    type: 'quantitative',
    scale,
    title: `wall time, spawn to exit (${unit.label}${scaleNote(scale)})`,
  };
  const y = { field: 'series', type: 'nominal', title: null, sort: series };
  const spec = {
    ...baseSpec('Startup: cold-start wall time per runtime and mode', [
      'Each point is one fresh process (spawn to exit; for container, a fresh container); boxes span the quartiles, whiskers min to max.',
      ...stripNote(strips.some((s) => s.quantiles)),
      `${file.runId} · ${samples} samples`,
    ]),
    data: { values },
    width: 520,
    height: { step: ROW_STEP_PX },
    layer: [
      {
        mark: {
          type: 'boxplot',
          extent: 'min-max',
          opacity: 0.3,
          size: 20,
          median: { color: 'black', strokeWidth: 2 },
          rule: { strokeWidth: 1.5 },
        },
        encoding: { x, y, color: { field: 'runtime', type: 'nominal', legend: null } },
      },
      {
        mark: { type: 'point', filled: true, size: 18, opacity: 0.7 },
        encoding: {
          x,
          y,
          yOffset: { field: 'jitter', type: 'quantitative', scale: { domain: [0, 1], range: [7, ROW_STEP_PX - 7] } },
          color: { field: 'runtime', type: 'nominal', title: 'runtime' },
          tooltip: [{ field: 'series' }, { field: 'fixture' }, { field: 'wall', title: `wall (${unit.label})` }],
        },
      },
    ],
  };
  const faceted = facetByFixtureAndArch(spec, values, file, cases);
  return {
    name: 'startup-wall',
    suite: 'startup',
    caption: 'Cold-start wall time (spawn to exit) per runtime and mode, every sample shown.',
    spec: faceted,
  };
}

const PHASES = [
  { metric: 'compileNs', label: 'compile' },
  { metric: 'instantiateNs', label: 'instantiate' },
  { metric: 'executeNs', label: 'execute' },
];
const OVERHEAD = 'process overhead (wall − phases)';

/** Median of wall − (sum of phases), per sample when the samples line up, else from the medians. */
function overheadNs(c: CaseResult): number {
  const wallMetric = plottableMetric(c, 'wallNs')!;
  const wall = wallMetric.samples;
  const phaseMetrics = PHASES.map((p) => plottableMetric(c, p.metric)).filter((m) => m !== null);
  const phases = phaseMetrics.map((m) => m.samples);
  // Histogram-stored metrics have no per-sample order: only their medians line up.
  const aligned =
    wallMetric.storage !== 'histogram' &&
    phaseMetrics.every((m) => m.storage !== 'histogram' && m.samples.length === wall.length);
  const rest = aligned
    ? medianOf(wall.map((w, i) => w - phases.reduce((sum, s) => sum + s[i], 0)))
    : metricQuantile(wallMetric, 0.5) - phaseMetrics.reduce((sum, m) => sum + metricQuantile(m, 0.5), 0);
  return Math.max(0, rest);
}

/** Stacked bar of phase medians for the cases whose host reports phases. */
export function startupPhases(file: ResultsFile): Chart | null {
  const cases = casesWithMetric(file, 'startup', 'wallNs').filter((c) =>
    PHASES.some((p) => plottableMetric(c, p.metric)),
  );
  if (cases.length === 0) return null;
  const label = seriesLabeller(cases);
  const unit = timeUnitFor([medianOf(cases.map((c) => plottableMetric(c, 'wallNs')!.summary?.median ?? 0))]);
  const values = cases.flatMap((c) => {
    const base = { fixture: c.fixture, arch: archOf(c, file), series: label(c) };
    const rows = PHASES.flatMap((p, order) => {
      const m = plottableMetric(c, p.metric);
      return m ? [{ ...base, phase: p.label, order, value: toUnit(metricQuantile(m, 0.5), unit) }] : [];
    });
    return [...rows, { ...base, phase: OVERHEAD, order: PHASES.length, value: toUnit(overheadNs(c), unit) }];
  });
  const phaseDomain = [...PHASES.map((p) => p.label), OVERHEAD];
  const spec = {
    ...baseSpec('Startup: where the time goes', [
      'Medians of the phases the host reports; the rest of the wall time (process start, runtime init, exit) is process overhead.',
      'Cases whose host reports no phases (e.g. native) are left out.',
    ]),
    data: { values },
    width: 520,
    height: { step: 24 },
    mark: { type: 'bar', height: { band: 0.7 } },
    encoding: {
      y: { field: 'series', type: 'nominal', title: null },
      x: { field: 'value', type: 'quantitative', stack: 'zero', title: `median time (${unit.label})` },
      color: {
        field: 'phase',
        type: 'nominal',
        title: 'phase',
        scale: { domain: phaseDomain, range: ['#4c78a8', '#72b7b2', '#f58518', '#bab0ac'] },
      },
      order: { field: 'order', type: 'quantitative' },
      tooltip: [
        { field: 'series' },
        { field: 'fixture' },
        { field: 'phase' },
        { field: 'value', title: `median (${unit.label})` },
      ],
    },
  };
  const faceted = facetByFixtureAndArch(spec, values, file, cases);
  return {
    name: 'startup-phases',
    suite: 'startup',
    caption: 'Compile / instantiate / execute / process overhead, stacked medians per case.',
    spec: faceted,
  };
}

/** Median wall time by cache state (with the 95% CI of the median), for runtimes measured in more than one state. */
export function startupCacheStates(file: ResultsFile): Chart | null {
  const all = casesWithMetric(file, 'startup', 'wallNs');
  const statesOf = (runtime: string, fixture: string) =>
    new Set(all.filter((c) => c.runtime === runtime && c.fixture === fixture).map((c) => c.cacheState));
  const cases = all.filter((c) => statesOf(c.runtime, c.fixture).size > 1);
  if (cases.length === 0) return null;
  const unit = timeUnitFor([medianOf(cases.map((c) => plottableMetric(c, 'wallNs')!.summary?.median ?? 0))]);
  const values = cases.map((c) => {
    const m = plottableMetric(c, 'wallNs')!;
    const ci = m.summary?.ci95;
    return {
      fixture: c.fixture,
      arch: archOf(c, file),
      series: `${runtimeModeLabel(c)} · ${c.cacheState}`,
      cacheState: c.cacheState,
      median: toUnit(metricQuantile(m, 0.5), unit),
      ...(ci ? { lo: toUnit(ci[0], unit), hi: toUnit(ci[1], unit) } : {}),
      n: metricCount(m),
    };
  });
  const scale = valueScale(values.flatMap((v) => [v.median, v.lo ?? v.median, v.hi ?? v.median]));
  const x = {
    field: 'median',
    type: 'quantitative',
    scale,
    title: `median wall time (${unit.label}${scaleNote(scale)}); bars: 95% CI of the median`,
  };
  const y = { field: 'series', type: 'nominal', title: null };
  const color = {
    field: 'cacheState',
    type: 'nominal',
    title: 'cache state',
    scale: { domain: CACHE_ORDER.filter((s) => values.some((v) => v.cacheState === s)) },
  };
  const spec = {
    ...baseSpec('Startup: compilation cache cold vs warm vs precompiled', [
      'cold: cache cleared before every sample; warm: populated by an untimed run; precompiled: an ahead-of-time artifact.',
    ]),
    data: { values },
    width: 520,
    height: { step: 24 },
    layer: [
      {
        mark: { type: 'point', filled: true, size: 60 },
        encoding: {
          x,
          y,
          color,
          tooltip: [
            { field: 'series' },
            { field: 'cacheState' },
            { field: 'median', title: `median (${unit.label})` },
            { field: 'n' },
          ],
        },
      },
      {
        mark: { type: 'rule', strokeWidth: 2 },
        encoding: { x: { field: 'lo', type: 'quantitative' }, x2: { field: 'hi' }, y, color },
      },
    ],
  };
  const faceted = facetByFixtureAndArch(spec, values, file, cases);
  return {
    name: 'startup-cache',
    suite: 'startup',
    caption: 'Median wall time per cache state, with the 95% confidence interval of the median.',
    spec: faceted,
  };
}

/** A row per fixture when there are several, a column per architecture in a merged run; y scales independent. */
function facetByFixtureAndArch(
  spec: Parameters<typeof facet>[0],
  values: readonly { fixture: string }[],
  file: ResultsFile,
  cases: readonly CaseResult[],
): ReturnType<typeof facet> {
  return facet(
    spec,
    {
      row: distinct(values.map((v) => v.fixture)).length > 1 ? { field: 'fixture', title: 'fixture' } : undefined,
      column: archColumn(spansArchitectures(file, cases)),
    },
    { scale: { y: 'independent' } },
  );
}
