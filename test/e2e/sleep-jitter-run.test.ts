// The sleep-jitter suite for real: node (tiered) and native through the
// orchestrator, with the harness reference row, into a results file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig } from '../../core/config/resolve.ts';
import { RunEventBus } from '../../core/events.ts';
import { runBenchmarks } from '../../core/run.ts';
import { builtIns } from '../../cli/built-ins.ts';
import { readResults } from '../../core/results/read.ts';
import { decodeHistogram } from '../../stats/histogram.ts';

test('node and native: one ok case each with every wakeup as an overshootNs sample and an HDR histogram', {
  timeout: 120_000,
}, async () => {
  const out = await mkdtemp(join(tmpdir(), 'wasmbench-sleep-e2e-'));
  const config = resolveConfig(
    {
      suites: ['sleep-jitter'],
      runtimes: ['node', 'native'],
      modes: ['tiered', 'aot'],
      iterations: 12,
      out,
      sleepJitter: { interval: '1.5ms', edgeCases: true },
    },
    { source: null, runId: 'e2e', seed: () => 7 },
  );
  let estimateMs: number | null = null;
  const bus = new RunEventBus();
  bus.on('suite-start', (e) => {
    estimateMs = e.estimateMs;
  });
  await runBenchmarks({ ...builtIns(), config, runId: 'e2e', bus, signal: new AbortController().signal });
  assert.ok(estimateMs !== null && estimateMs > 0, 'an estimate is printed before starting');
  const file = await readResults(out);
  const main = file.cases.filter((c) => c.params.intervalNs === 1_500_000);
  const runtimes = main.map((c) => c.runtime).sort();
  assert.ok(
    runtimes.includes('node') && runtimes.includes('native') && runtimes.includes('node-timers'),
    runtimes.join(),
  );
  for (const c of main) {
    assert.equal(c.status, 'ok', `${c.id}: ${c.reason}`);
    const overshoot = c.metrics.overshootNs;
    assert.equal(overshoot.samples.length, 12, c.id);
    assert.ok(overshoot.histogram, `${c.id} has a histogram`);
    assert.equal(decodeHistogram(overshoot.histogram!).count, 12);
    assert.ok(
      overshoot.samples.every((ns) => Number.isInteger(ns) && Math.abs(ns) < 5e9),
      'sanity bound',
    );
    assert.ok((c.params.governing as { sleepNotes?: unknown }).sleepNotes, `${c.id} records the sleep mechanism`);
  }
  const native = main.find((c) => c.runtime === 'native')!;
  assert.ok(native.metrics.overshootNs.summary!.min > 0, 'native nanosleep never wakes early');
  assert.equal(native.metrics.driftNs.samples.length, 1);
  // The zero-length sleep is its own case and finishes (the timeout would mark it errored).
  const zero = file.cases.find((c) => c.runtime === 'native' && c.params.intervalNs === 0)!;
  assert.equal(zero.status, 'ok');
  assert.ok(file.analyses.some((a) => a.kind === 'sleep-jitter-digest'));
});

test('cyclictest reference row, when cyclictest is installed', { timeout: 60_000 }, async (t) => {
  const { findCyclictest } = await import('../../suites/sleep-jitter/cyclictest.ts');
  if (!(await findCyclictest())) return t.skip('cyclictest not installed (apt-get install rt-tests)');
  const out = await mkdtemp(join(tmpdir(), 'wasmbench-sleep-cyc-'));
  const config = resolveConfig(
    {
      suites: ['sleep-jitter'],
      runtimes: ['native'],
      iterations: 5,
      out,
      sleepJitter: { interval: '1ms', edgeCases: false },
    },
    { source: null, runId: 'e2e', seed: () => 3 },
  );
  const { file } = await runBenchmarks({
    ...builtIns(),
    config,
    runId: 'e2e',
    bus: new RunEventBus(),
    signal: new AbortController().signal,
  });
  const row = file.cases.find((c) => c.runtime === 'cyclictest')!;
  assert.equal(row.status, 'ok', `${row.reason} ${JSON.stringify(row.errors[0])}`);
  assert.match(row.modeName, /different method/);
  assert.equal(row.metrics.overshootNs.samples.length, 5);
  assert.ok(
    row.metrics.overshootNs.samples.every((ns) => ns % 1000 === 0),
    'whole microseconds',
  );
});
