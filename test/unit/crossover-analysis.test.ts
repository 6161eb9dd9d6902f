import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CaseResult, MetricResult } from '../../core/results/model.ts';
import { crossoverAnalyses, tierFigures } from '../../suites/startup/crossover.ts';
import { crossoverSentence } from '../../reports/charts/tiers.ts';

const metric = (samples: number[]): MetricResult => ({ unit: 'ns', samples, summary: null });

/** Two processes of 3 in-guest iterations each. */
function compute(
  mode: 'interpreter' | 'optimizing' | 'baseline',
  mainEntry: number[],
  iters: number[],
  extra: Partial<CaseResult> = {},
): CaseResult {
  return {
    id: `startup/wasmtime/${mode}/cold/fib`,
    suite: 'startup',
    runtime: 'wasmtime',
    host: 'embed-python',
    mode,
    modeName: mode,
    cacheState: 'cold',
    fixture: 'fib',
    params: { args: ['27', '3'], kind: 'compute' },
    status: 'ok',
    command: [],
    flags: [],
    errors: [],
    warnings: [],
    warmups: 0,
    metrics: {
      mainEntryNs: metric(mainEntry),
      iterNs: metric(iters),
      firstIterNs: metric([iters[0], iters[3]]),
      steadyIterNs: metric([iters[1], iters[2], iters[4], iters[5]]),
    },
    ...extra,
  };
}

test('tier figures: median of per-process first results, median of later iterations', () => {
  const f = tierFigures(compute('interpreter', [100, 120], [50, 10, 12, 60, 11, 13]))!;
  // first results 150 and 180 -> 165; steady 10, 12, 11, 13 -> 11.5 -> 12 (rounded)
  assert.equal(f.timeToFirstResultNs, 165);
  assert.equal(f.steadyIterNs, 12);
  assert.equal(f.iterationsPerProcess, 3);
  assert.equal(f.totalMeasuredNs, 165 + 2 * 12);
});

test('steady state derived from iterNs when steadyIterNs is absent (older results)', () => {
  const c = compute('interpreter', [100, 120], [50, 10, 12, 60, 11, 13]);
  delete c.metrics.steadyIterNs;
  assert.equal(tierFigures(c)!.steadyIterNs, 12);
});

test('one crossover entry per pair of tiers, fast = the lower steady state', () => {
  const interp = compute('interpreter', [100, 100], [100, 100, 100, 100, 100, 100]);
  const opt = compute('optimizing', [1000, 1000], [10, 10, 10, 10, 10, 10]);
  const [entry, ...rest] = crossoverAnalyses([interp, opt]);
  assert.equal(rest.length, 0);
  assert.equal(entry.kind, 'crossover');
  assert.equal(entry.runtime, 'wasmtime');
  assert.equal(entry.fixture, 'fib');
  assert.equal(entry.fast, 'optimizing');
  assert.equal(entry.slow, 'interpreter');
  // first results 1010 vs 200: head start 810, gain 90 per iteration -> 9 more to tie, N = 11
  assert.equal(entry.iterations, 11);
  assert.equal(entry.steadySpeedup, 10);
  assert.equal(entry.extrapolated, true);
  assert.equal(entry.cacheState, 'cold');
});

test('never crossing gives null; errored, non-compute and call-view cases are ignored', () => {
  const a = compute('interpreter', [100, 100], [10, 10, 10, 10, 10, 10]);
  const b = compute('optimizing', [100, 100], [10, 10, 10, 10, 10, 10]);
  // Identical figures: neither ever beats the other.
  assert.equal(crossoverAnalyses([a, b])[0].iterations, null);
  const sooner = compute('optimizing', [50, 50], [10, 10, 10, 10, 10, 10]);
  assert.equal(crossoverAnalyses([a, sooner])[0].iterations, 1);
  const broken = compute('baseline', [1, 1], [1, 1, 1, 1, 1, 1], { status: 'errored' });
  const startup = compute('baseline', [1, 1], [1, 1, 1, 1, 1, 1], { params: { kind: 'startup' } });
  assert.equal(crossoverAnalyses([a, b, broken, startup]).length, 1);
});

test('different cache states are not paired with each other', () => {
  const a = compute('interpreter', [100, 100], [10, 10, 10, 10, 10, 10]);
  const b = compute('optimizing', [200, 200], [1, 1, 1, 1, 1, 1], { cacheState: 'warm' });
  assert.equal(crossoverAnalyses([a, b]).length, 0);
});

/** A user workload with a Sightglass region: wallNs and benchNs per process, optionally iter_ns too. */
function region(mode: 'interpreter' | 'optimizing', wallNs: number[], benchNs: number[], iters?: number[]): CaseResult {
  const c = compute(mode, [1, 1], iters ?? [1, 1, 1, 1, 1, 1], {
    id: `startup/wasmtime/${mode}/cold/checksum`,
    fixture: 'checksum',
    params: { args: [], kind: 'workload' },
  });
  c.metrics.wallNs = metric(wallNs);
  c.metrics.benchNs = metric(benchNs);
  if (!iters) for (const name of ['mainEntryNs', 'iterNs', 'firstIterNs', 'steadyIterNs']) delete c.metrics[name];
  return c;
}

test('benchNs where a case has it: time to first result = wall, steady = the region; the analysis says so', () => {
  // interpreter: wall 1000/1200 -> 1100, region 900/1000 -> 950; optimizing: wall 3000, region 100
  const interp = region('interpreter', [1000, 1200], [900, 1000]);
  const opt = region('optimizing', [3000, 3000], [100, 100]);
  assert.deepEqual(
    [tierFigures(interp)!.timeToFirstResultNs, tierFigures(interp)!.steadyIterNs, tierFigures(interp)!.metric],
    [1100, 950, 'benchNs'],
  );
  const [entry, ...rest] = crossoverAnalyses([interp, opt]);
  assert.equal(rest.length, 0);
  assert.equal(entry.metric, 'benchNs');
  assert.equal(entry.fixture, 'checksum');
  assert.equal(entry.fast, 'optimizing');
  // head start 3000 - 1100 = 1900, gain 850 per run of the region: floor(1900 / 850) + 2 = 4
  assert.equal(entry.iterations, 4);
  assert.equal(entry.measuredIterations, 1);
  assert.equal(entry.steadySpeedup, 9.5);
  assert.match(
    String(entry.model),
    /N = runs of the bench\.start\.\.bench\.end region in one process; timeToFirstResult = median wallNs/,
  );
});

test('benchNs wins over iter_ns in the same case; iterNs cases record metric iterNs', () => {
  const a = region('interpreter', [1000, 1000], [500, 500], [10, 10, 10, 10, 10, 10]);
  const b = region('optimizing', [2000, 2000], [100, 100], [1, 1, 1, 1, 1, 1]);
  assert.deepEqual(
    crossoverAnalyses([a, b]).map((x) => [x.metric, x.iterations]),
    [['benchNs', 4]],
  );
  const fib = crossoverAnalyses([
    compute('interpreter', [100, 100], [100, 100, 100, 100, 100, 100]),
    compute('optimizing', [1000, 1000], [10, 10, 10, 10, 10, 10]),
  ]);
  assert.deepEqual(
    fib.map((x) => [x.metric, x.iterations]),
    [['iterNs', 11]],
  );
  // A tier with a region is never paired with one modelled on iterations.
  const noRegion = compute('optimizing', [1, 1], [1, 1, 1, 1, 1, 1], {
    fixture: 'checksum',
    params: { args: [], kind: 'workload' },
  });
  assert.equal(crossoverAnalyses([region('interpreter', [1000, 1000], [500, 500]), noRegion]).length, 0);
});

test('a benchNs crossover reads as runs of the bench region in the reports', () => {
  const x = { runtime: 'wasmtime', fixture: 'checksum', cacheState: 'cold', fast: 'optimizing', slow: 'interpreter' };
  assert.equal(
    crossoverSentence({ ...x, iterations: 4, metric: 'benchNs' }),
    'wasmtime checksum: optimizing beats interpreter from 4 runs of the bench region',
  );
  assert.equal(
    crossoverSentence({ ...x, iterations: 4, metric: 'iterNs' }),
    'wasmtime checksum: optimizing beats interpreter from 4 iterations',
  );
});
