import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CaseResult, MetricResult } from '../../core/results/model.ts';
import { crossoverAnalyses, tierFigures } from '../../suites/startup/crossover.ts';

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
