import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { CaseResult, ResultsFile } from '../../core/results/model.ts';
import { buildCharts } from '../../reports/charts/index.ts';
import { valueScale } from '../../reports/charts/common.ts';
import { percentileAtNines } from '../../reports/charts/sleep-jitter.ts';
import { latencyCorrection } from '../../reports/charts/throughput.ts';
import { tierModels, totalNs } from '../../reports/charts/tiers.ts';
import { summarize } from '../../stats/summary.ts';

const FIXTURE = new URL('../fixtures/reports/results.json', import.meta.url);
const load = (): ResultsFile => JSON.parse(readFileSync(FIXTURE, 'utf8'));
type Spec = Record<string, any>;
const valuesOf = (spec: Spec): Record<string, unknown>[] => spec.data.values;

test('the fixture yields every chart, each a Vega-Lite v6 spec with its data inlined', () => {
  const charts = buildCharts(load());
  assert.deepEqual(
    charts.map((c) => c.name),
    [
      'startup-wall',
      'startup-phases',
      'startup-cache',
      'tiers-crossover',
      'sleep-jitter-percentiles',
      'sleep-jitter-timeline',
      'throughput-qps',
      'throughput-latency',
    ],
  );
  for (const c of charts) {
    assert.match(String(c.spec.$schema), /vega-lite\/v6/);
    assert.ok(Array.isArray(valuesOf(c.spec)) && valuesOf(c.spec).length > 0, `${c.name} has inline data`);
    assert.ok(!JSON.stringify(c.spec).includes('"url"'), `${c.name} loads no data from a URL`);
  }
});

test('suites absent from the file produce no chart; an empty file produces none', () => {
  const file = load();
  file.cases = file.cases.filter((c) => c.suite === 'sleep-jitter');
  assert.deepEqual(
    buildCharts(file).map((c) => c.name),
    ['sleep-jitter-percentiles', 'sleep-jitter-timeline'],
  );
  file.cases = [];
  file.analyses = [];
  assert.deepEqual(buildCharts(file), []);
});

test('missing metrics mean fewer charts, not a crash', () => {
  const file = load();
  for (const c of file.cases) {
    for (const name of [
      'compileNs',
      'instantiateNs',
      'executeNs',
      'iterNs',
      'firstIterNs',
      'latencyNs',
      'latencyUncorrectedNs',
    ])
      delete c.metrics[name];
  }
  const names = buildCharts(file).map((c) => c.name);
  assert.ok(
    !names.includes('startup-phases') && !names.includes('tiers-crossover') && !names.includes('throughput-latency'),
  );
  assert.ok(names.includes('startup-wall') && names.includes('throughput-qps'));
});

test('a case with zero samples is not plotted', () => {
  const file = load();
  const errored = file.cases.find((c) => c.status === 'errored')!;
  assert.equal(errored.metrics.wallNs.samples.length, 0);
  const wall = buildCharts(file).find((c) => c.name === 'startup-wall')!;
  assert.ok(!valuesOf(wall.spec).some((v) => String(v.series).includes('winch')));
});

test('valueScale: log beyond a 10x spread of positive values, symlog for wide signed data, else linear', () => {
  assert.equal(valueScale([1, 5, 9]).type, 'linear');
  assert.equal(valueScale([0.9, 50]).type, 'log');
  assert.deepEqual(valueScale([2, 100]).domain, [1.6, 125]);
  assert.equal(valueScale([-0.3, 0.5, 2.9]).type, 'linear');
  assert.equal(valueScale([-5, 0.01, 900]).type, 'symlog');
});

test('a merged run with several architectures is faceted by arch', () => {
  const file = load();
  const arm = file.cases
    .filter((c) => c.suite === 'startup')
    .map((c): CaseResult => ({ ...c, id: `${c.id}@arm64`, environment: { arch: 'arm64' } }) as CaseResult);
  file.cases.push(...arm);
  for (const chart of buildCharts(file).filter((c) => c.suite === 'startup')) {
    assert.equal((chart.spec.facet as Spec)?.column?.field, 'arch', chart.name);
    assert.deepEqual(new Set(valuesOf(chart.spec).map((v) => v.arch)), new Set(['x64', 'arm64']), chart.name);
  }
});

test('tiers: the model adds main entry, first iteration and (k-1) steady iterations', () => {
  const file = load();
  const metric = (samples: number[]) => ({ unit: 'ns' as const, samples, summary: summarize(samples) });
  file.cases = [
    {
      ...file.cases[0],
      id: 't',
      fixture: 'fib',
      mode: 'interpreter',
      modeName: 'x',
      cacheState: 'cold',
      metrics: {
        wallNs: metric([100, 100]),
        mainEntryNs: metric([10, 12]),
        iterNs: metric([7, 3, 3, 9, 5, 5]),
        firstIterNs: metric([7, 9]),
      },
    },
  ];
  const [m] = tierModels(file);
  assert.equal(m.measuredIterations, 3);
  assert.equal(m.timeToFirstResultNs, 19); // median of 10+7 and 12+9
  assert.equal(m.steadyIterNs, 4); // median of 3 3 5 5
  assert.equal(totalNs(m, 1), 19);
  assert.equal(totalNs(m, 10), 55);
});

test("tiers: a crossover analysis's own tier figures win over the samples", () => {
  const file = load();
  file.analyses = [
    {
      kind: 'crossover',
      runtime: 'node',
      fixture: 'fib',
      cacheState: 'cold',
      fast: 'optimizing',
      slow: 'baseline',
      iterations: 7,
      fastTier: { timeToFirstResultNs: 1000, steadyIterNs: 10 },
      slowTier: { timeToFirstResultNs: 900, steadyIterNs: 30 },
    },
  ];
  const models = tierModels(file).filter((m) => m.runtime === 'node');
  assert.equal(models.find((m) => m.mode === 'optimizing')!.timeToFirstResultNs, 1000);
  assert.equal(models.find((m) => m.mode === 'baseline')!.steadyIterNs, 30);
});

test('tiers: crossover points come from results.analyses', () => {
  const chart = buildCharts(load()).find((c) => c.name === 'tiers-crossover')!;
  const marks = valuesOf(chart.spec).filter((v) => v.label);
  assert.deepEqual(marks.map((v) => v.k).sort(), [3, 5]);
  assert.ok(JSON.stringify(chart.spec.title).includes('tiered beats baseline never within the measured range'));
});

test('sleep-jitter: percentile curves keep negative overshoot and end at the maximum', () => {
  const file = load();
  const node = file.cases.find((c) => c.suite === 'sleep-jitter' && c.runtime === 'node')!;
  const chart = buildCharts(file).find((c) => c.name === 'sleep-jitter-percentiles')!;
  const rows = valuesOf(chart.spec).filter((v) => String(v.series).startsWith('node'));
  const min = Math.min(...rows.map((v) => v.overshoot as number));
  const max = Math.max(...rows.map((v) => v.overshoot as number));
  assert.ok(min < 0, 'an early wakeup stays negative');
  // the y axis title names the unit; HDR keeps 3 significant digits
  const title = String((chart.spec.layer as Spec[])[0].encoding.y.title);
  const nsPerUnit = title.includes('(ms') ? 1e6 : title.includes('(µs') ? 1e3 : NaN;
  const trueMax = node.metrics.overshootNs.summary!.max;
  assert.ok(Math.abs(max * nsPerUnit - trueMax) / trueMax < 0.002, `max ${max} ${title} vs ${trueMax} ns`);
  assert.equal(percentileAtNines(0), 0);
  assert.ok(Math.abs(percentileAtNines(2) - 99) < 1e-9);
});

test('throughput: corrected and uncorrected latency are told apart', () => {
  const file = load();
  const fixed = file.cases.find((c) => c.params.measurement === 'fixed-rate')!;
  assert.equal(latencyCorrection(fixed, 'latencyNs', fixed.metrics.latencyNs), 'corrected');
  assert.equal(latencyCorrection(fixed, 'latencyUncorrectedNs', fixed.metrics.latencyUncorrectedNs), 'uncorrected');
  const chart = buildCharts(file).find((c) => c.name === 'throughput-latency')!;
  const dash = ((chart.spec.spec ?? chart.spec) as Spec).encoding.strokeDash;
  assert.equal(dash.scale.domain.length, 2);
  assert.notDeepEqual(dash.scale.range[0], dash.scale.range[1]);
});

test("throughput: the suite's metric guide in params says which latency is corrected", () => {
  const file = load();
  const c = file.cases.find((x) => x.params.measurement === 'fixed-rate')!;
  c.params = {
    variant: 'node-js',
    rate: '0.5 x max',
    metricGuide: {
      latencyNs: "fixed rate, from each request's INTENDED send time: corrected for coordinated omission",
      serviceLatencyNs: 'fixed rate, from the actual write: NOT corrected for coordinated omission',
    },
  };
  c.metrics.serviceLatencyNs = { ...c.metrics.latencyUncorrectedNs, notes: undefined };
  c.metrics.latencyNs.notes = undefined;
  c.metrics.maxLoadLatencyP99Ns = { unit: 'ns', samples: [5], summary: null };
  assert.equal(latencyCorrection(c, 'latencyNs', c.metrics.latencyNs), 'corrected');
  assert.equal(latencyCorrection(c, 'serviceLatencyNs', c.metrics.serviceLatencyNs), 'uncorrected');
  file.cases = [c];
  const chart = buildCharts(file).find((x) => x.name === 'throughput-latency')!;
  const metrics = new Set(valuesOf(chart.spec).map((v) => v.metric));
  assert.ok(
    metrics.has('serviceLatencyNs') && metrics.has('latencyNs') && !metrics.has('maxLoadLatencyP99Ns'),
    'single figures are not drawn as curves',
  );
});

test('startup-wall: a container case puts every runtime on a log axis, even within 10x', () => {
  assert.equal(valueScale([20, 60], { preferLog: true }).type, 'log');
  assert.equal(valueScale([-1, 60], { preferLog: true }).type, 'linear', 'log needs positive values');
  const file = load();
  const native = file.cases.find((c) => c.suite === 'startup' && c.runtime === 'native' && c.status === 'ok')!;
  file.cases = [
    native,
    {
      ...native,
      id: 'startup/container/aot/cold/x',
      runtime: 'container',
      modeName: 'runc',
      cacheState: 'cold',
      metrics: { wallNs: { ...native.metrics.wallNs, samples: native.metrics.wallNs.samples.map((v) => v * 3) } },
    },
  ];
  const chart = buildCharts(file).find((c) => c.name === 'startup-wall')!;
  assert.match(JSON.stringify(chart.spec), /"scale":\{"type":"log"/);
  assert.match(JSON.stringify(chart.spec), /container aot \(runc\)/);
});
