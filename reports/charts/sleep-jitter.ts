/**
 * Sleep-jitter charts: the HDR percentile plot (overshoot vs percentile on a
 * "nines" axis, one line per runtime) and overshoot per wakeup in the order
 * the wakeups happened. Overshoot may be negative (an early wakeup): it is
 * plotted with its sign.
 */
import { orderedNote, orderedPoints, POINTS_PER_SERIES } from './points.ts';
import { metricCount } from '../../core/results/metric-view.ts';
import type { CaseResult, ResultsFile } from '../../core/results/model.ts';
import {
  archOf,
  casesWithMetric,
  paramsVariant,
  plottableMetric,
  runtimeModeLabel,
  spansArchitectures,
  varyingParams,
} from '../report-data.ts';
import {
  archColumn,
  baseSpec,
  distinct,
  facet,
  scaleNote,
  timeUnitFor,
  toUnit,
  valueAxis,
  valueScale,
  type FacetFields,
} from './common.ts';
import type { Chart } from './types.ts';
import { maxNines, NINES_STEP, ninesX, percentileAtNines, percentileReader } from './percentiles.ts';

export { NINES_LABEL_EXPR, percentileAtNines, percentileReader } from './percentiles.ts';

const METRIC = 'overshootNs';

/** The facet panel of a case: the parameters (interval, deadline, load) that differ between cases. */
function panelOf(cases: readonly CaseResult[]): (c: CaseResult) => string {
  const varying = varyingParams(cases);
  return (c) => paramsVariant(c, varying) || 'default';
}

/** Panels in a readable order: by interval, then by label. */
function panelOrder(cases: readonly CaseResult[], panel: (c: CaseResult) => string): string[] {
  const interval = (c: CaseResult) => (typeof c.params?.intervalNs === 'number' ? c.params.intervalNs : Infinity);
  return distinct([...cases].sort((a, b) => interval(a) - interval(b) || panel(a).localeCompare(panel(b))).map(panel));
}

/** Row facets with the panel's parameters as a heading above each panel. */
function panelRow(cases: readonly CaseResult[], panel: (c: CaseResult) => string): FacetFields['row'] {
  const panels = panelOrder(cases, panel);
  return panels.length > 1
    ? {
        field: 'panel',
        title: null,
        sort: panels,
        header: {
          labelOrient: 'top',
          labelAnchor: 'start',
          labelFontWeight: 'bold',
          labelAngle: 0,
          labelAlign: 'left',
        },
      }
    : undefined;
}

/** Every sleep-jitter runtime, so both charts give a runtime the same colour. */
function runtimeDomain(file: ResultsFile): string[] {
  return distinct(casesWithMetric(file, 'sleep-jitter', METRIC).map((c) => c.runtime)).sort();
}

/** "tiered (liftoff+turbofan)": the mode and the runtime's own name for it. */
function modeLabel(c: CaseResult): string {
  return runtimeModeLabel(c).slice(c.runtime.length + 1) || String(c.mode);
}

const DASHES = [
  [1, 0],
  [6, 3],
  [2, 2],
  [8, 3, 2, 3],
  [4, 4],
];

/** Colour is the runtime; when a runtime ran in several modes, the dash tells its modes apart. */
function modeDash(cases: readonly CaseResult[]): Record<string, unknown> {
  const modes = distinct(cases.map(modeLabel));
  const perRuntime = Math.max(
    ...distinct(cases.map((c) => c.runtime)).map(
      (r) => distinct(cases.filter((c) => c.runtime === r).map((c) => c.mode)).length,
    ),
  );
  if (perRuntime < 2) return {};
  const modeOrder = distinct(cases.map((c) => String(c.mode)));
  const dashOf = (label: string) =>
    DASHES[modeOrder.indexOf(String(cases.find((c) => modeLabel(c) === label)!.mode)) % DASHES.length];
  return {
    strokeDash: {
      field: 'mode',
      type: 'nominal',
      title: 'mode',
      legend: { symbolSize: 900, symbolStrokeWidth: 2 },
      scale: { domain: modes, range: modes.map(dashOf) },
    },
  };
}

/** What both sleep-jitter charts encode alike: overshoot on y (in `unitLabel`, on `scale`), a colour per runtime, a dash per mode. */
function overshootEncoding(
  file: ResultsFile,
  cases: readonly CaseResult[],
  unitLabel: string,
  scale: ReturnType<typeof valueScale>,
): Record<string, unknown> {
  return {
    y: {
      field: 'overshoot',
      type: 'quantitative',
      scale,
      axis: valueAxis(scale),
      title: `overshoot (${unitLabel}${scaleNote(scale)})`,
    },
    color: { field: 'runtime', type: 'nominal', title: 'runtime', scale: { domain: runtimeDomain(file) } },
    ...modeDash(cases),
  };
}

/** The reference rows whose per-wakeup order was not recorded (e.g. cyclictest's histogram) cannot be drawn over time. */
function orderKnown(c: CaseResult): boolean {
  // A histogram-stored metric has no order: its timeline is not drawn (its percentiles are).
  if (plottableMetric(c, METRIC)?.storage === 'histogram') return false;
  return (
    !(c.params?.notes as unknown[] | undefined)?.some((n) => /order (is )?lost/i.test(String(n))) &&
    !plottableMetric(c, METRIC)?.notes?.some((n) => /order (is )?lost/i.test(n))
  );
}

export function sleepPercentiles(file: ResultsFile): Chart | null {
  const cases = casesWithMetric(file, 'sleep-jitter', METRIC);
  if (cases.length === 0) return null;
  const panel = panelOf(cases);
  const raw = cases.flatMap((c) => {
    const m = plottableMetric(c, METRIC)!;
    const at = percentileReader(m);
    const top = maxNines(metricCount(m));
    const grid: number[] = [];
    for (let x = 0; x < top; x += NINES_STEP) grid.push(+x.toFixed(2));
    const row = (nines: number, p: number) => ({
      series: runtimeModeLabel(c),
      runtime: c.runtime,
      mode: modeLabel(c),
      panel: panel(c),
      arch: archOf(c, file),
      nines,
      percentile: +p.toPrecision(6),
      ns: at(p),
      n: metricCount(m),
    });
    // The curve ends at the maximum, drawn where p = 1 − 1/n sits on the axis.
    return [...grid.map((nines) => row(nines, percentileAtNines(nines))), row(+top.toFixed(3), 100)];
  });
  const unit = timeUnitFor(raw.map((r) => r.ns));
  const values = raw.map(({ ns, ...r }) => ({ ...r, overshoot: toUnit(ns, unit) }));
  const scale = valueScale(values.map((v) => v.overshoot));
  const topNines = Math.ceil(Math.max(...values.map((v) => v.nines)));
  const spec = {
    ...baseSpec('Sleep jitter: overshoot by percentile', [
      'Overshoot = actual sleep − requested (monotonic clock, in-guest); below 0 = woke early. From the HDR histogram of every wakeup.',
      'x: percentile on a "nines" scale (90%, 99%, 99.9% equally spaced); the line ends at the maximum, drawn at p = 1 − 1/n.',
    ]),
    data: { values },
    width: 520,
    height: 300,
    layer: [
      {
        mark: { type: 'line', strokeWidth: 2, interpolate: 'step-after' },
        encoding: {
          x: ninesX(topNines),
          ...overshootEncoding(file, cases, unit.label, scale),
          tooltip: [
            { field: 'series' },
            { field: 'panel', title: 'params' },
            { field: 'percentile', title: 'percentile (%)' },
            { field: 'overshoot', title: `overshoot (${unit.label})` },
            { field: 'n', title: 'wakeups' },
          ],
        },
      },
      { mark: { type: 'rule', color: '#888', strokeDash: [2, 2] }, encoding: { y: { datum: 0 } } },
    ],
  };
  const faceted = facet(spec, { row: panelRow(cases, panel), column: archColumn(spansArchitectures(file, cases)) });
  return {
    name: 'sleep-jitter-percentiles',
    suite: 'sleep-jitter',
    caption: 'Sleep overshoot by percentile (HDR), one line per runtime.',
    spec: faceted,
  };
}

export function sleepOverTime(file: ResultsFile): Chart | null {
  const all = casesWithMetric(file, 'sleep-jitter', METRIC);
  const cases = all.filter(orderKnown);
  if (cases.length === 0) return null;
  const leftOut = distinct(all.filter((c) => !orderKnown(c)).map(runtimeModeLabel));
  const panel = panelOf(cases);
  const series = cases.map((c) => orderedPoints(plottableMetric(c, METRIC)!.samples));
  const unit = timeUnitFor(series.flatMap((points) => points.map((p) => p.value)));
  const values = cases.flatMap((c, k) =>
    series[k].map(({ position, value }) => ({
      series: runtimeModeLabel(c),
      runtime: c.runtime,
      mode: modeLabel(c),
      panel: panel(c),
      arch: archOf(c, file),
      wakeup: position,
      overshoot: toUnit(value, unit),
    })),
  );
  const thinned = cases.some((c) => plottableMetric(c, METRIC)!.samples.length > POINTS_PER_SERIES);
  const scale = valueScale(values.map((v) => v.overshoot));
  const many = values.length > 400;
  const spec = {
    ...baseSpec('Sleep jitter: overshoot of every wakeup, in order', [
      'Drift or periodic spikes show up as trends and patterns; below the dotted line = woke early.',
      ...orderedNote(thinned),
      ...(leftOut.length ? [`Not drawn (per-wakeup order not recorded): ${leftOut.join(', ')}.`] : []),
    ]),
    data: { values },
    width: 520,
    height: 260,
    layer: [
      {
        mark: { type: 'line', strokeWidth: 1, opacity: 0.5 },
        encoding: {
          x: { field: 'wakeup', type: 'quantitative', title: 'wakeup number (order taken)', scale: { nice: false } },
          ...overshootEncoding(file, cases, unit.label, scale),
          detail: { field: 'series' },
        },
      },
      {
        mark: { type: 'point', filled: true, size: many ? 8 : 20 },
        encoding: {
          x: { field: 'wakeup', type: 'quantitative' },
          y: { field: 'overshoot', type: 'quantitative' },
          color: { field: 'runtime', type: 'nominal' },
          tooltip: [
            { field: 'series' },
            { field: 'wakeup' },
            { field: 'overshoot', title: `overshoot (${unit.label})` },
          ],
        },
      },
      { mark: { type: 'rule', color: '#888', strokeDash: [2, 2] }, encoding: { y: { datum: 0 } } },
    ],
  };
  const faceted = facet(spec, { row: panelRow(cases, panel), column: archColumn(spansArchitectures(file, cases)) });
  return {
    name: 'sleep-jitter-timeline',
    suite: 'sleep-jitter',
    caption: 'Overshoot of every wakeup in the order taken, per runtime.',
    spec: faceted,
  };
}
