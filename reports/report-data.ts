/**
 * Read-only views over a results file shared by the chart, HTML and Markdown
 * reporters: case labels, architecture, parameter variants, plottability.
 * Pure functions of the file; nothing here measures or touches the disk.
 */
import type { CaseResult, MetricResult, ResultsFile } from '../core/results/model.ts';
import { median } from '../stats/summary.ts';
import { archOf } from '../core/compare/load.ts';
import { metricCount } from '../core/results/metric-view.ts';

/** A case as merged results may carry it: with the environment it ran in. */
export type CaseWithEnvironment = CaseResult & { environment?: Record<string, unknown> };

/** The CPU architecture a case ran on: its own environment (after merge), else the file's. One definition, in core. */
export { archOf };

/** True when the file's cases span more than one architecture (a merged run). */
export function spansArchitectures(file: ResultsFile, cases: readonly CaseResult[] = file.cases): boolean {
  return new Set(cases.map((c) => archOf(c, file))).size > 1;
}

/** "node baseline (liftoff)": runtime, mode and the runtime's own tier name. */
export function runtimeModeLabel(c: CaseResult): string {
  const tier = c.modeName && c.modeName !== c.mode && c.modeName !== '*' ? ` (${c.modeName})` : '';
  return c.mode === '*' ? c.runtime : `${c.runtime} ${c.mode}${tier}`;
}

/** The label of a case in tables: runtime, mode, cache state and fixture. */
export function caseLabel(c: CaseResult): string {
  if (c.mode === '*') return `${c.runtime} (all modes)`;
  const variant = paramsVariant(c);
  return `${runtimeModeLabel(c)} · ${c.cacheState} · ${c.fixture}${variant ? ` · ${variant}` : ''}`;
}

/** Case labels for a file: with the architecture appended when the file spans several (a merged run). */
export function caseLabeller(file: ResultsFile): (c: CaseResult) => string {
  const multiArch = spansArchitectures(file);
  return (c) => (multiArch ? `${caseLabel(c)} · ${archOf(c, file)}` : caseLabel(c));
}

/** Params that only document the fixture and do not distinguish cases. */
const NON_VARIANT_PARAMS = new Set([
  'args',
  'kind',
  'iterations',
  'durationS',
  'duration',
  'durationMs',
  'wakeups',
  'processes',
]);

/** Human-readable value of a param: durations in ns get a unit. */
function paramValue(key: string, value: unknown): string {
  if (typeof value === 'number' && /Ns$/.test(key)) {
    if (value >= 1e9 && value % 1e6 === 0) return `${value / 1e9}s`;
    if (value >= 1e6) return `${+(value / 1e6).toFixed(3)}ms`;
    if (value >= 1e3) return `${+(value / 1e3).toFixed(3)}us`;
    return `${value}ns`;
  }
  return String(value);
}

/**
 * What distinguishes cases beyond runtime/mode/cache/fixture: the scalar
 * params (interval, deadline, variant, rate...), as "key=value" pairs.
 */
export function paramsVariant(c: CaseResult, only?: ReadonlySet<string>): string {
  return Object.entries(c.params ?? {})
    .filter(
      ([key, value]) =>
        !NON_VARIANT_PARAMS.has(key) && value !== null && ['string', 'number', 'boolean'].includes(typeof value),
    )
    .filter(([key]) => !only || only.has(key))
    .sort(([a], [b]) => (a === 'variant' ? -1 : b === 'variant' ? 1 : a.localeCompare(b)))
    .map(([key, value]) => (key === 'variant' ? String(value) : `${key.replace(/Ns$/, '')}=${paramValue(key, value)}`))
    .join(' ');
}

/** The scalar params whose values differ between `cases`: what a facet panel needs to name. */
export function varyingParams(cases: readonly CaseResult[]): Set<string> {
  const values = new Map<string, Set<string>>();
  for (const c of cases) {
    for (const [key, value] of Object.entries(c.params ?? {})) {
      if (typeof value === 'object' && value !== null) continue;
      (values.get(key) ?? values.set(key, new Set()).get(key)!).add(String(value));
    }
  }
  const keysOf = (c: CaseResult) => new Set(Object.keys(c.params ?? {}));
  return new Set(
    [...values].filter(([key, set]) => set.size > 1 || cases.some((c) => !keysOf(c).has(key))).map(([key]) => key),
  );
}

/** The metric if the case is ok-or-errored and the metric has at least one sample. */
export function plottableMetric(c: CaseResult, name: string): MetricResult | null {
  if (c.status === 'skipped') return null;
  const m = c.metrics?.[name];
  return m && metricCount(m) > 0 ? m : null;
}

/** Cases of one suite that have samples of `metric`. */
export function casesWithMetric(file: ResultsFile, suite: string, metric: string): CaseResult[] {
  return file.cases.filter((c) => c.suite === suite && plottableMetric(c, metric) !== null);
}

/** Cases that were not skipped but have no sample in any metric: listed, never plotted. */
export function zeroSampleCases(file: ResultsFile): CaseResult[] {
  return file.cases.filter(
    (c) => c.status !== 'skipped' && Object.values(c.metrics ?? {}).every((m) => metricCount(m) === 0),
  );
}

/** Median of a non-empty array (does not modify it): stats' one median. */
export const medianOf = median;
