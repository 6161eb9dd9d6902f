/**
 * `compare`: per case present in both runs and per compared metric, the
 * ratio of medians head/base with a seeded bootstrap interval. Cases that
 * errored, were skipped or are missing get a row saying so, never a ratio.
 */
import { createHash } from 'node:crypto';
import {
  compareDistributionMedians,
  compareMedians,
  ratioComparable,
  type MedianComparison,
} from '../../stats/compare.ts';
import { isHistogramStored, metricCount, metricDistribution } from '../results/metric-view.ts';
import type { MetricResult } from '../results/model.ts';
import { createRng } from '../../stats/random.ts';
import type { CaseResult } from '../results/model.ts';
import type { LoadedResults } from './load.ts';
import { archOf, cpuModelOf } from './load.ts';
import { assertSameMachine, pairCases, type CasePair } from './match.ts';
import { directionOf, metricsFor } from './metrics.ts';
import {
  assertSameWorkloads,
  changedWorkload,
  changedWorkloads,
  describeChange,
  type ChangedWorkload,
} from './workload-identity.ts';

export type RowStatus = 'compared' | 'errored' | 'skipped' | 'missing-in-head' | 'new-in-head' | 'not-comparable';

export interface CompareRow {
  /** Case id, with `@arch` for merged multi-architecture files. */
  key: string;
  caseId: string;
  suite: string;
  label: string;
  arch: string;
  /** Empty for case-level rows (errored, skipped, missing). */
  metric: string;
  unit: string;
  status: RowStatus;
  reason?: string;
  comparison?: MedianComparison;
  machine: { base: string | null; head: string | null };
  /** The sides whose run stopped before this case had all its samples (compared only with --allow-incomplete). */
  incomplete?: ('base' | 'head')[];
  /** The workload's module differs between base and head (compared only with --allow-changed-workload). */
  changedWorkload?: ChangedWorkload;
}

export interface CompareOptions {
  /** Metrics to compare. @default each suite's headline metric (see metrics.ts) */
  metrics?: string[];
  /** @default 0.95 */
  confidence?: number;
  /** @default 4000 */
  resamples?: number;
  /** Base seed of the bootstrap; each row derives its own from it. @default 1 */
  seed?: number;
  /** Compare cases measured on different CPU models or architectures. @default false */
  allowCrossMachine?: boolean;
  /** Compare a workload whose module (sha256) differs between base and head; its rows are marked. @default false */
  allowChangedWorkload?: boolean;
}

export interface CompareReport {
  base: { path: string; runId: string };
  head: { path: string; runId: string };
  confidence: number;
  resamples: number;
  seed: number;
  rows: CompareRow[];
  /** Why base or head is incomplete, when they were compared anyway (--allow-incomplete). */
  incomplete?: string[];
  /** Workloads whose module differs between base and head, compared anyway (--allow-changed-workload). */
  changedWorkloads?: string[];
}

export function compareResults(base: LoadedResults, head: LoadedResults, options: CompareOptions = {}): CompareReport {
  const pairs = pairCases(base.file, head.file);
  if (!options.allowCrossMachine) assertSameMachine(pairs);
  if (!options.allowChangedWorkload) assertSameWorkloads(pairs);
  const changed = changedWorkloads(pairs).map(describeChange);
  const settings = {
    confidence: options.confidence ?? 0.95,
    resamples: options.resamples ?? 4000,
    seed: options.seed ?? 1,
  };
  return {
    base: { path: base.path, runId: base.file.runId },
    head: { path: head.path, runId: head.file.runId },
    ...settings,
    rows: pairs.flatMap((pair) => pairRows(pair, base, head, options.metrics, settings)),
    ...(changed.length ? { changedWorkloads: changed } : {}),
  };
}

export function caseLabel(c: CaseResult): string {
  const tier = c.modeName && c.modeName !== c.mode && c.modeName !== '*' ? `${c.mode}(${c.modeName})` : c.mode;
  return [c.runtime, tier, c.cacheState, c.fixture].join(' ');
}

type Settings = Pick<CompareReport, 'confidence' | 'resamples' | 'seed'>;

/** A case is cut short when its run says so, or when the run is still being written. */
function cutShort(pair: CasePair, base: LoadedResults, head: LoadedResults): Pick<CompareRow, 'incomplete'> {
  const short = (c: CaseResult | null | undefined, file: LoadedResults['file']) =>
    Boolean(c) && (c!.incomplete === true || file.state === 'running');
  const sides = [
    short(pair.base, base.file) ? ('base' as const) : null,
    short(pair.head, head.file) ? ('head' as const) : null,
  ].filter((s) => s !== null);
  return sides.length ? { incomplete: sides } : {};
}

function pairRows(
  pair: CasePair,
  base: LoadedResults,
  head: LoadedResults,
  metrics: string[] | undefined,
  settings: Settings,
): CompareRow[] {
  const c = (pair.head ?? pair.base)!;
  const changed = changedWorkload(pair);
  const row = (metric: string, unit: string, status: RowStatus, reason?: string): CompareRow => ({
    key: pair.key,
    caseId: c.id,
    suite: c.suite,
    label: caseLabel(c),
    arch: pair.head ? archOf(pair.head, head.file) : archOf(pair.base!, base.file),
    metric,
    unit,
    status,
    ...(reason ? { reason } : {}),
    machine: {
      base: pair.base ? cpuModelOf(pair.base, base.file) : null,
      head: pair.head ? cpuModelOf(pair.head, head.file) : null,
    },
    ...cutShort(pair, base, head),
    ...(changed ? { changedWorkload: changed } : {}),
  });
  if (!pair.base) return [row('', '', 'new-in-head', 'only in head')];
  if (!pair.head) return [row('', '', 'missing-in-head', 'in base but not in head')];
  const errored = [pair.base.status === 'errored' ? 'base' : '', pair.head.status === 'errored' ? 'head' : ''].filter(
    Boolean,
  );
  if (errored.length) {
    const reason = errored
      .map((side) => `${side}: ${(side === 'base' ? pair.base : pair.head)!.reason ?? 'errored'}`)
      .join('; ');
    return [row('', '', 'errored', reason)];
  }
  if (pair.base.status === 'skipped' || pair.head.status === 'skipped') {
    return [row('', '', 'skipped', (pair.head.status === 'skipped' ? pair.head : pair.base).reason ?? 'skipped')];
  }
  return metricsFor(c, metrics).flatMap((name) => metricRow(pair, name, settings, row));
}

function metricRow(
  pair: CasePair,
  name: string,
  settings: Settings,
  row: (metric: string, unit: string, status: RowStatus, reason?: string) => CompareRow,
): CompareRow[] {
  const b = pair.base!.metrics[name];
  const h = pair.head!.metrics[name];
  if (!b && !h) return []; // this case has no such metric (e.g. no first output from noop)
  if (!h || metricCount(h) === 0) return [row(name, b.unit, 'missing-in-head', `no ${name} samples in head`)];
  if (!b || metricCount(b) === 0) return [row(name, h.unit, 'new-in-head', `no ${name} samples in base`)];
  const options = {
    direction: directionOf(name, b),
    resamples: settings.resamples,
    confidence: settings.confidence,
    rng: createRng(rowSeed(settings.seed, `${pair.key}\0${name}`)),
  };
  if (isHistogramStored(b) || isHistogramStored(h)) {
    // No sample order in a histogram, so never paired; medians and interval come from the buckets.
    const problem = histogramRatioProblem(b, h);
    if (problem) return [row(name, b.unit, 'not-comparable', problem)];
    const where = (side: string) => `${side} case "${pair.key}" metric "${name}"`;
    const comparison = compareDistributionMedians(
      metricDistribution(b, where('base')),
      metricDistribution(h, where('head')),
      options,
    );
    return [{ ...row(name, b.unit, 'compared'), comparison }];
  }
  const problem = ratioComparable(b.samples, h.samples);
  if (problem) return [row(name, b.unit, 'not-comparable', problem)];
  const comparison = compareMedians(b.samples, h.samples, {
    ...options,
    paired: pairedRounds(pair, b.samples, h.samples),
  });
  return [{ ...row(name, b.unit, 'compared'), comparison }];
}

/** ratioComparable's rule (base > 0, head >= 0) from the exact minimums of either storage. */
function histogramRatioProblem(b: MetricResult, h: MetricResult): string | null {
  const min = (m: MetricResult) =>
    isHistogramStored(m) ? (m.exact?.min ?? Number.NaN) : m.samples.reduce((a, v) => Math.min(a, v), Infinity);
  if (!(min(b) > 0)) return 'base has samples <= 0: a ratio of medians is undefined (compare differences instead)';
  if (!(min(h) >= 0)) return 'head has negative or non-finite samples: a ratio of medians is undefined';
  return null;
}

/**
 * Resample by round when the samples are paired: taken in the same rounds of
 * a same-job A/B run (`params.abRounds`), or the very same measurement (a
 * run compared with itself, where independent resampling would invent noise).
 */
function pairedRounds(pair: CasePair, base: readonly number[], head: readonly number[]): boolean {
  if (base.length !== head.length) return false;
  if (pair.base!.params?.abRounds === true && pair.head!.params?.abRounds === true) return true;
  return base.every((v, i) => v === head[i]);
}

/** A per-row seed, so a row's interval does not depend on which other rows exist. */
function rowSeed(seed: number, key: string): number {
  return createHash('sha256').update(`${seed}\0${key}`).digest().readUInt32LE(0) >>> 0;
}
