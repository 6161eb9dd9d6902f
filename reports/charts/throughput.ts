/**
 * Throughput charts: requests per second per server variant (median with
 * its 95% CI), and latency percentile curves per variant with the figures
 * corrected for coordinated omission told apart from uncorrected ones.
 */
import { metricCount } from '../../core/results/metric-view.ts';
import type { CaseResult, MetricResult, ResultsFile } from '../../core/results/model.ts';
import {
  archOf,
  casesWithMetric,
  medianOf,
  plottableMetric,
  runtimeModeLabel,
  spansArchitectures,
} from '../report-data.ts';
import { archColumn, baseSpec, distinct, facet, scaleNote, timeUnitFor, toUnit, valueScale } from './common.ts';
import { ninesX, percentileAtNines, percentileReader } from './percentiles.ts';
import type { Chart } from './types.ts';

/** "node-wasm-reuse", or "cgi · wasmtime optimizing" where the runtime matters. */
export function variantLabel(c: CaseResult): string {
  const variant = typeof c.params?.variant === 'string' ? c.params.variant : c.fixture;
  // node-* variants name their host; cgi and the like run on whichever runtime the case names.
  return variant.startsWith('node-') && c.runtime === 'node' && c.mode === 'tiered'
    ? variant
    : `${variant} · ${runtimeModeLabel(c)}`;
}

/** What the results say about how a metric was measured: its notes, else the suite's metric guide in the params. */
export function metricDescription(c: CaseResult, name: string, metric: MetricResult): string {
  const guide = c.params?.metricGuide as Record<string, unknown> | undefined;
  return [...(metric.notes ?? []), typeof guide?.[name] === 'string' ? guide[name] : ''].filter(Boolean).join('; ');
}

/** How load was offered: a fixed rate or as fast as the connections allow. */
export function loadLabel(c: CaseResult): string {
  const rate = c.params?.rate;
  const conns = c.params?.connections;
  const connText = typeof conns === 'number' ? `, ${conns} connections` : '';
  return typeof rate === 'number' && rate > 0 ? `fixed rate ${rate} req/s${connText}` : `max throughput${connText}`;
}

/** The latency panel a case belongs to: open-loop (fixed rate) or closed-loop load. */
const FIXED = 'fixed-rate load (open loop)';
const CLOSED = 'max throughput (closed loop)';

/**
 * The load a latency metric was measured under: stated by its semantics; for
 * results written before those existed, from its description, else the rate param.
 */
function loadKind(c: CaseResult, metric: MetricResult, description = ''): string {
  if (metric.semantics?.load) return metric.semantics.load === 'fixed-rate' ? FIXED : CLOSED;
  if (/fixed rate|fixed-rate|open loop|intended send/i.test(description)) return FIXED;
  if (/closed loop|max throughput/i.test(description)) return CLOSED;
  return typeof c.params?.rate === 'number' && c.params.rate > 0 ? FIXED : CLOSED;
}

function seriesWithRate(c: CaseResult): string {
  return typeof c.params?.rate === 'number' && c.params.rate > 0
    ? `${variantLabel(c)} @ ${c.params.rate} req/s`
    : variantLabel(c);
}

export type Correction = 'corrected' | 'uncorrected' | 'not stated';

/**
 * Whether a latency metric is corrected for coordinated omission: stated by
 * its semantics; for results written before those existed, from its name,
 * its notes or the case params.
 */
export function latencyCorrection(c: CaseResult, name: string, metric: MetricResult): Correction {
  if (metric.semantics?.coordinatedOmission) return metric.semantics.coordinatedOmission;
  if (/uncorrected/i.test(name)) return 'uncorrected';
  const notes = metricDescription(c, name, metric);
  if (/uncorrected|not corrected|actual send/i.test(notes)) return 'uncorrected';
  if (/corrected|intended send/i.test(notes)) return 'corrected';
  if (typeof c.params?.corrected === 'boolean') return c.params.corrected ? 'corrected' : 'uncorrected';
  return 'not stated';
}

const CORRECTION_DASH: Record<Correction, number[]> = { corrected: [1, 0], uncorrected: [6, 4], 'not stated': [2, 2] };
const CORRECTION_TITLE: Record<Correction, string> = {
  corrected: 'corrected (from intended send times)',
  uncorrected: 'uncorrected (from actual send times)',
  'not stated': 'correction not stated',
};

export function throughputQps(file: ResultsFile): Chart | null {
  let cases = casesWithMetric(file, 'throughput', 'requestsPerSec');
  // At a fixed rate QPS is the rate we asked for: the variants' capacity is the closed-loop figure.
  const closed = cases.filter((c) => typeof c.params?.rate !== 'number');
  if (closed.length > 0) cases = closed;
  if (cases.length === 0) return null;
  const values = cases.map((c) => {
    const m = plottableMetric(c, 'requestsPerSec')!;
    const ci = m.summary?.ci95;
    const [lo, hi] = ci ?? [Math.min(...m.samples), Math.max(...m.samples)];
    return {
      variant: variantLabel(c),
      load: loadLabel(c),
      arch: archOf(c, file),
      qps: Math.round(medianOf(m.samples)),
      lo: Math.round(lo),
      hi: Math.round(hi),
      interval: ci ? '95% CI of the median' : 'min to max',
      n: m.samples.length,
    };
  });
  const loads = distinct(values.map((v) => v.load));
  const spec = {
    ...baseSpec('Throughput: requests per second per server variant', [
      'Bar: median of the per-second samples; error bar: 95% CI of the median (min to max when too few samples for a CI).',
      loads.length === 1 ? `Load: ${loads[0]}.` : 'Colour: how load was offered.',
    ]),
    data: { values },
    width: 480,
    height: { step: 26 },
    layer: [
      {
        mark: { type: 'bar', height: { band: 0.7 } },
        encoding: {
          y: { field: 'variant', type: 'nominal', title: null },
          ...(loads.length > 1 ? { yOffset: { field: 'load', type: 'nominal' } } : {}),
          x: { field: 'qps', type: 'quantitative', title: 'requests per second (median)' },
          color: { field: 'load', type: 'nominal', title: 'load', legend: loads.length > 1 ? {} : null },
          tooltip: [
            { field: 'variant' },
            { field: 'load' },
            { field: 'qps', title: 'median req/s' },
            { field: 'lo' },
            { field: 'hi' },
            { field: 'interval' },
            { field: 'n', title: 'seconds sampled' },
          ],
        },
      },
      // The median as text past the error bar, so a variant two orders of magnitude slower is still readable.
      {
        mark: { type: 'text', align: 'left', dx: 6, fontSize: 11 },
        encoding: {
          y: { field: 'variant', type: 'nominal' },
          ...(loads.length > 1 ? { yOffset: { field: 'load', type: 'nominal' } } : {}),
          x: { field: 'hi', type: 'quantitative' },
          text: { field: 'qps', type: 'quantitative', format: ',' },
        },
      },
      {
        mark: { type: 'errorbar', ticks: true, color: 'black' },
        encoding: {
          y: { field: 'variant', type: 'nominal' },
          ...(loads.length > 1 ? { yOffset: { field: 'load', type: 'nominal' } } : {}),
          x: { field: 'lo', type: 'quantitative', title: 'requests per second (median)' },
          x2: { field: 'hi' },
        },
      },
    ],
  };
  const faceted = facet(spec, { column: archColumn(spansArchitectures(file, cases)) });
  return {
    name: 'throughput-qps',
    suite: 'throughput',
    caption: 'Requests per second per server variant, with error bars.',
    spec: faceted,
  };
}

/** Latency metrics of a throughput case: every metric named latency* in a time unit. */
/** Fewer latency samples than this (and no histogram) is a single figure, not a distribution to draw. */
const MIN_DISTRIBUTION_SAMPLES = 10;

/** Latency distributions of a throughput case: metrics named *latency* in a time unit, with a histogram or enough samples. */
function latencyMetrics(c: CaseResult): [string, MetricResult][] {
  return Object.keys(c.metrics ?? {})
    .filter((name) => /latency/i.test(name))
    .flatMap((name) => {
      const m = plottableMetric(c, name);
      const distribution = m && (m.histogram || metricCount(m) >= MIN_DISTRIBUTION_SAMPLES);
      return m && distribution && (m.unit === 'ns' || m.unit === 'us') ? [[name, m] as [string, MetricResult]] : [];
    });
}

export function throughputLatency(file: ResultsFile): Chart | null {
  const cases = file.cases.filter((c) => c.suite === 'throughput' && latencyMetrics(c).length > 0);
  if (cases.length === 0) return null;
  const raw = cases.flatMap((c) =>
    latencyMetrics(c).flatMap(([name, m]) => {
      const at = percentileReader(m);
      const toNs = m.unit === 'us' ? 1000 : 1;
      const top = Math.max(1, Math.log10(metricCount(m)));
      const grid: number[] = [];
      for (let x = 0; x < top; x += 0.05) grid.push(+x.toFixed(2));
      const correction = latencyCorrection(c, name, m);
      const row = (nines: number, p: number) => ({
        variant: variantLabel(c),
        offered: seriesWithRate(c),
        panel: loadKind(c, m, metricDescription(c, name, m)),
        load: loadLabel(c),
        arch: archOf(c, file),
        metric: name,
        correction: CORRECTION_TITLE[correction],
        nines,
        percentile: +p.toPrecision(6),
        ns: at(p) * toNs,
        n: metricCount(m),
      });
      return [...grid.map((x) => row(x, percentileAtNines(x))), row(+top.toFixed(3), 100)];
    }),
  );
  const unit = timeUnitFor([medianOf(raw.map((r) => r.ns))]);
  const values = raw.map(({ ns, ...r }) => ({ ...r, latency: toUnit(ns, unit) }));
  const scale = valueScale(values.map((v) => v.latency));
  const corrections = (Object.keys(CORRECTION_TITLE) as Correction[]).filter((k) =>
    values.some((v) => v.correction === CORRECTION_TITLE[k]),
  );
  const topNines = Math.ceil(Math.max(...values.map((v) => v.nines)));
  const spec = {
    ...baseSpec('Throughput: latency by percentile per variant', [
      'Solid: corrected for coordinated omission (latency from the intended send time, fixed-rate load);',
      'dashed: uncorrected (from the actual send time; hides stalls). x: percentile on a "nines" scale; lines end at the maximum.',
    ]),
    data: { values },
    width: 480,
    height: 240,
    mark: { type: 'line', strokeWidth: 2, interpolate: 'step-after' },
    encoding: {
      x: ninesX(topNines),
      y: { field: 'latency', type: 'quantitative', scale, title: `latency (${unit.label}${scaleNote(scale)})` },
      color: { field: 'variant', type: 'nominal', title: 'variant', legend: { labelLimit: 420 } },
      strokeDash: {
        field: 'correction',
        type: 'nominal',
        title: 'coordinated omission',
        legend: { symbolSize: 900, symbolStrokeWidth: 2 },
        scale: {
          domain: corrections.map((k) => CORRECTION_TITLE[k]),
          range: corrections.map((k) => CORRECTION_DASH[k]),
        },
      },
      detail: { field: 'metric' },
      tooltip: [
        { field: 'offered', title: 'variant' },
        { field: 'load' },
        { field: 'metric' },
        { field: 'correction' },
        { field: 'percentile', title: 'percentile (%)' },
        { field: 'latency', title: `latency (${unit.label})` },
        { field: 'n', title: 'requests' },
      ],
    },
  };
  const panels = distinct(values.map((v) => v.panel));
  const faceted = facet(spec, {
    row: panels.length > 1 ? { field: 'panel', title: null } : undefined,
    column: archColumn(spansArchitectures(file, cases)),
  });
  return {
    name: 'throughput-latency',
    suite: 'throughput',
    caption: 'Latency percentile curves per variant; corrected and uncorrected figures drawn differently.',
    spec: faceted,
  };
}
