// When compiling ahead of time pays, the compile counted (issue 14): exact numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CaseResult, MetricResult, ResultsFile } from '../../core/results/model.ts';
import { callsToPayBack, runsToPayBack } from '../../stats/payback.ts';
import { compilePaybackAnalyses } from '../../suites/startup/compile-payback.ts';
import { paybacks, paybackSentence } from '../../reports/payback.ts';
import { summaryMarkdown } from '../../reports/summary-md.ts';
import { compileThenRunModels, tiersChart } from '../../reports/charts/tiers.ts';
import { analysisSchema } from '../../core/results/schema.ts';

const metric = (samples: number[], unit: MetricResult['unit'] = 'ns'): MetricResult => ({
  unit,
  samples,
  summary: null,
});

test('runs to pay back: compile once, then R cheaper runs', () => {
  // 750 + R x 10 < R x 100  <=>  R > 8.33  ->  9
  assert.equal(runsToPayBack(750, 10, 100), 9);
  // exactly even at R = 5 is not yet paid: 500 + 5 x 0 = 5 x 100 -> 6
  assert.equal(runsToPayBack(500, 0, 100), 6);
  assert.equal(runsToPayBack(0, 10, 100), 1);
  assert.equal(runsToPayBack(750, 100, 100), null, 'a compiled run that is no faster never pays');
  assert.equal(runsToPayBack(750, 120, 100), null);
});

test("calls to pay back in one process: the compile is added to the compiled tier's first result", () => {
  // compiled: 750 + 50 first, then 1/call; other: 100 first, then 11/call.
  // 800 + (N-1) < 100 + 11 (N-1)  <=>  10 (N-1) > 700  <=>  N - 1 = 71  ->  N = 72
  assert.equal(
    callsToPayBack(750, { timeToFirstResultNs: 50, steadyIterNs: 1 }, { timeToFirstResultNs: 100, steadyIterNs: 11 }),
    72,
  );
  assert.equal(
    callsToPayBack(750, { timeToFirstResultNs: 50, steadyIterNs: 11 }, { timeToFirstResultNs: 100, steadyIterNs: 11 }),
    null,
  );
});

function fibCase(
  mode: 'interpreter' | 'aot' | 'optimizing',
  cacheState: 'cold' | 'precompiled',
  wall: number[],
  mainEntry: number[],
  iters: number[],
  extra: Record<string, MetricResult> = {},
): CaseResult {
  return {
    id: `startup/wasmedge/${mode}/${cacheState}/fib`,
    suite: 'startup',
    runtime: 'wasmedge',
    host: 'cli',
    mode,
    modeName: mode === 'aot' ? 'wasmedge compile' : mode,
    cacheState,
    fixture: 'fib',
    params: { args: ['27', '3'], kind: 'compute' },
    status: 'ok',
    command: [],
    flags: [],
    errors: [],
    warnings: [],
    warmups: 0,
    metrics: {
      wallNs: metric(wall),
      mainEntryNs: metric(mainEntry),
      iterNs: metric(iters),
      firstIterNs: metric([iters[0], iters[3]]),
      steadyIterNs: metric([iters[1], iters[2], iters[4], iters[5]]),
      ...extra,
    },
  };
}

test('compile-payback analyses: interpreter vs compile-then-run, and cold vs precompiled cache of the same tier', () => {
  const interp = fibCase('interpreter', 'cold', [1000, 1000], [100, 100], [300, 300, 300, 300, 300, 300]);
  const aot = fibCase('aot', 'precompiled', [200, 200], [100, 100], [10, 10, 10, 10, 10, 10], {
    precompileNs: metric([7000, 8000, 9000]),
    artifactBytes: metric([4096, 4096, 4096], 'bytes'),
  });
  const jitCold = fibCase('optimizing', 'cold', [900, 900], [600, 600], [10, 10, 10, 10, 10, 10]);
  const noCompile = fibCase('optimizing', 'precompiled', [150, 150], [100, 100], [10, 10, 10, 10, 10, 10]); // no precompileNs: no entry
  const all = compilePaybackAnalyses([interp, aot, jitCold, noCompile]);
  assert.equal(all.length, 2);
  const [vsInterp, vsJit] = all;
  for (const a of all) assert.ok(analysisSchema.safeParse(a).success, JSON.stringify(a));
  assert.equal(vsInterp.kind, 'compile-payback');
  if (vsInterp.kind !== 'compile-payback' || vsJit.kind !== 'compile-payback') return;
  assert.equal(vsInterp.question, 'interpreter vs compile-then-run');
  assert.equal(vsInterp.precompileNs, 8000);
  assert.equal(vsInterp.artifactBytes, 4096);
  // 8000 + R x 200 < R x 1000  <=>  R > 10  ->  11
  assert.equal(vsInterp.runs, 11);
  // compiled: 8000 + 110 + 10 (N-1); interpreter: 400 + 300 (N-1): 7710 < 290 (N-1) -> N-1 = 27 -> 28
  assert.equal(vsInterp.calls, 28);
  assert.equal(vsJit.question, 'optimizing (cold) vs compile-then-run');
  // 8000 + 200 R < 900 R  <=>  R > 11.43  ->  12
  assert.equal(vsJit.runs, 12);
  assert.equal(vsJit.calls, null, 'same steady state: more calls never pay the compile');
  const file = {
    schemaVersion: 2,
    runId: 'r',
    startedAt: '2026-12-01T00:00:00.000Z',
    finishedAt: null,
    state: 'complete',
    tool: { name: 'wasmbench', version: '0' },
    seed: 1,
    config: {},
    environment: { arch: 'x64', cpuModel: 'test' },
    runtimes: [],
    cases: [interp, aot],
    analyses: all,
  } as ResultsFile;
  const sentence = paybackSentence(paybacks(file)[0]);
  assert.match(
    sentence,
    /^wasmedge fib, interpreter vs compile-then-run: compiling \(wasmedge compile, 8(\.0+)? µs\) pays after 11 runs, or 28 calls in one process$/,
  );
  assert.match(summaryMarkdown(file), /### compile-then-run: when compiling pays[\s\S]*pays after 11 runs/);
  const models = compileThenRunModels(file);
  assert.equal(models.length, 1);
  assert.match(models[0].series, /\+ compile$/);
  assert.equal(models[0].timeToFirstResultNs, 8000 + 110);
  const chart = JSON.stringify(tiersChart(file)?.spec);
  assert.match(chart, /\+ compile/);
  assert.match(chart, /When compiling pays/);
});
