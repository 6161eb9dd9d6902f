/**
 * Pieces every chart shares: the Vega-Lite header and theme, the time unit
 * a chart is drawn in, the scale choice (log when ranges differ by > 10x),
 * and faceting by architecture for merged runs.
 */
import type { VegaLiteSpec } from './types.ts';

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Fonts resvg finds on Debian (fonts-dejavu-core) first; browsers fall back to their sans-serif. */
export const CHART_FONT = 'DejaVu Sans, Verdana, Arial, sans-serif';

const CONFIG = {
  background: 'white',
  font: CHART_FONT,
  padding: 12,
  title: { fontSize: 14, subtitleFontSize: 11, subtitleColor: '#555', anchor: 'start', offset: 10 },
  axis: { labelFontSize: 11, titleFontSize: 12, labelLimit: 320, gridColor: '#e6e6e6' },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 420, symbolLimit: 60 },
  header: { labelFontSize: 12, titleFontSize: 12, labelLimit: 400 },
  view: { stroke: '#ccc' },
};

/** A top-level spec with title, subtitle (one string or lines) and the shared theme. */
export function baseSpec(title: string, subtitle: string | string[]): VegaLiteSpec {
  return { $schema: VEGA_LITE_SCHEMA, title: { text: title, subtitle }, config: CONFIG };
}

/** A unit to draw nanosecond values in, chosen from their magnitude. */
export interface TimeUnit {
  /** Suffix for axis titles: "ms", "µs", "s" or "ns". */
  label: string;
  /** Nanoseconds per unit. */
  nsPerUnit: number;
}

/** The largest unit in which the typical |value| is at least 1. */
export function timeUnitFor(valuesNs: readonly number[]): TimeUnit {
  const typical = Math.max(0, ...valuesNs.map(Math.abs));
  if (typical >= 10e9) return { label: 's', nsPerUnit: 1e9 };
  if (typical >= 1e6) return { label: 'ms', nsPerUnit: 1e6 };
  if (typical >= 1e3) return { label: 'µs', nsPerUnit: 1e3 };
  return { label: 'ns', nsPerUnit: 1 };
}

/** Round a converted value so inlined data stays short without losing real precision. */
export function toUnit(ns: number, unit: TimeUnit): number {
  return +(ns / unit.nsPerUnit).toPrecision(6);
}

export interface ValueScale {
  type: 'log' | 'symlog' | 'linear';
  zero?: boolean;
  nice?: boolean;
  domain?: [number, number];
  /** symlog: the width of the linear region around 0, in data units. */
  constant?: number;
}

/**
 * Scale for a value axis: log when all values are > 0 and span more than
 * 10x (with a snug domain: a "nice" log domain wastes decades), symlog when
 * signed and wide, linear otherwise.
 */
export function valueScale(values: readonly number[], options: { preferLog?: boolean } = {}): ValueScale {
  if (values.length === 0) return { type: 'linear' };
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min > 0 && (max / min > 10 || options.preferLog))
    return { type: 'log', nice: false, domain: [+(min / 1.25).toPrecision(3), +(max * 1.25).toPrecision(3)] };
  const absMax = Math.max(Math.abs(min), Math.abs(max));
  let absMin = absMax;
  for (const v of values) if (v !== 0 && Math.abs(v) < absMin) absMin = Math.abs(v);
  if (min < 0 && absMax / absMin > 100) {
    // Linear within ±constant, logarithmic beyond: a decade below the typical |value|.
    const abs = values
      .map(Math.abs)
      .filter((v) => v > 0)
      .sort((a, b) => a - b);
    const typical = abs[Math.floor(abs.length * 0.1)];
    const constant = 10 ** Math.floor(Math.log10(Math.max(typical, absMax / 1e4)));
    return {
      type: 'symlog',
      constant,
      nice: false,
      domain: [+(min * 1.15).toPrecision(3), +(max * 1.15).toPrecision(3)],
    };
  }
  return { type: 'linear', zero: min <= 0 };
}

/** Axis ticks for a symlog scale (0 and ±powers of ten inside the domain); Vega's default symlog ticks bunch up. */
export function valueAxis(scale: ValueScale): Record<string, unknown> {
  if (scale.type !== 'symlog' || !scale.domain || !scale.constant) return {};
  const [lo, hi] = scale.domain;
  const ticks = [0];
  for (let p = scale.constant; p <= Math.max(hi, -lo); p *= 10) {
    const t = +p.toPrecision(1);
    if (t <= hi) ticks.push(t);
    if (-t >= lo) ticks.push(-t);
  }
  return { values: ticks.sort((a, b) => a - b), format: '~g' };
}

/** Words for an axis title saying which scale is used. */
export function scaleNote(scale: { type: string }): string {
  return scale.type === 'linear' ? '' : `, ${scale.type} scale`;
}

export interface FacetField {
  field: string;
  title: string | null;
  sort?: string[];
  /** Vega-Lite header properties; rows default to horizontal labels on the left. */
  header?: Record<string, unknown>;
}

export interface FacetFields {
  row?: FacetField;
  column?: FacetField;
}

/**
 * Wrap a single-view or layered spec in a facet; `data` moves to the top.
 * Returns the spec unchanged when there is nothing to facet by.
 */
export function facet(spec: VegaLiteSpec, fields: FacetFields, resolve?: Record<string, unknown>): VegaLiteSpec {
  if (!fields.row && !fields.column) return spec;
  const { $schema, title, config, data, transform, ...inner } = spec;
  const facetDef: Record<string, unknown> = {};
  for (const key of ['row', 'column'] as const) {
    const f = fields[key];
    if (f)
      facetDef[key] = {
        field: f.field,
        type: 'nominal',
        title: f.title,
        ...(f.sort ? { sort: f.sort } : {}),
        header: f.header ?? (key === 'row' ? { labelAngle: 0, labelAlign: 'left' } : {}),
      };
  }
  return {
    $schema,
    title,
    config,
    data,
    ...(transform ? { transform } : {}),
    facet: facetDef,
    spec: inner,
    ...(resolve ? { resolve } : {}),
  };
}

/** Facet fields for a merged run: one column per architecture, none otherwise. */
export function archColumn(multiArch: boolean): FacetFields['column'] {
  return multiArch ? { field: 'arch', title: 'architecture' } : undefined;
}

/** Distinct values in first-seen order. */
export function distinct<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
