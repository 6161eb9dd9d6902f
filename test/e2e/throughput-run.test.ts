// The throughput suite through the orchestrator, into a results file: ok
// cases for the node variants with per-second rates, a latency histogram and
// the recorded connection count.
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

test('throughput suite on node: node-js, node-wasm-reuse, node-wasm-fresh, cgi', { timeout: 180_000 }, async () => {
  const out = await mkdtemp(join(tmpdir(), 'wasmbench-tp-'));
  const config = resolveConfig(
    {
      suites: ['throughput'],
      runtimes: ['node'],
      profile: 'quick',
      out,
      throughput: {
        durationMs: 1000,
        warmupMs: 0,
        connections: 4,
        variants: ['node-js', 'node-wasm-reuse', 'node-wasm-fresh', 'cgi', 'wasmtime-serve'],
      },
    },
    { source: null, runId: 'e2e-tp', seed: () => 7 },
  );
  await runBenchmarks({
    ...builtIns(),
    config,
    runId: 'e2e-tp',
    bus: new RunEventBus(),
    signal: new AbortController().signal,
  });
  const file = await readResults(out);
  const byVariant = new Map(file.cases.map((c) => [c.params.variant, c]));
  for (const variant of ['node-js', 'node-wasm-reuse', 'node-wasm-fresh', 'cgi']) {
    const c = byVariant.get(variant)!;
    assert.ok(c, `a ${variant} case`);
    assert.equal(c.status, 'ok', `${c.id}: ${c.reason} ${JSON.stringify(c.errors[0])}`);
    assert.equal(c.params.connections, 4);
    assert.equal(c.params.durationMs, 1000);
    assert.ok(c.metrics.requestsPerSec.samples.length >= 1);
    assert.equal(c.metrics.requestsPerSec.unit, 'req/s');
    const histogram = c.metrics.latencyNs.histogram;
    assert.ok(histogram, `${c.id} has a latencyNs histogram`);
    // Per-request latencies are histogram-stored (schemaVersion 2): exact totals beside it, raw values in samples.parquet.
    assert.equal(c.metrics.latencyNs.storage, 'histogram');
    assert.deepEqual(c.metrics.latencyNs.samples, []);
    assert.ok(c.metrics.latencyNs.exact!.count > 0);
    assert.equal(decodeHistogram(histogram).count, c.metrics.latencyNs.exact!.count);
    assert.equal(c.metrics.latencyNs.summary!.n, c.metrics.latencyNs.exact!.count);
    assert.equal(c.metrics.mismatches.samples[0], 0);
  }
  assert.ok(
    file.samplesParquet && 'rows' in file.samplesParquet && file.samplesParquet.rows > 0,
    JSON.stringify(file.samplesParquet),
  );
  const wasmtime = byVariant.get('wasmtime-serve')!;
  assert.ok(
    wasmtime.status === 'skipped' ? /skipped: /.test(wasmtime.reason!) : true,
    'wasmtime serve skips with a reason when it cannot run',
  );
});

test('planning: --mode selects node tiers; a runtime without the mode and wasmtime serve are skipped with reasons', async () => {
  const { suiteContext } = await import('../helpers/run-context.ts');
  const { throughputSuite } = await import('../../suites/throughput/index.ts');
  const ctx = await suiteContext({
    suites: ['throughput'],
    runtimes: ['node', 'native'],
    modes: ['baseline'],
    profile: 'quick',
    throughput: { variants: ['node-wasm-reuse', 'cgi', 'wasmtime-serve'] },
  });
  const planned = await throughputSuite.plan(ctx);
  const ids = planned.map((p) => p.header.id).sort();
  assert.deepEqual(
    ids,
    [
      'throughput/cgi/native',
      'throughput/cgi/node/baseline',
      'throughput/node-wasm-reuse/node/baseline',
      'throughput/wasmtime-serve/wasmtime',
    ].sort(),
  );
  const native = planned.find((p) => p.header.id === 'throughput/cgi/native')!;
  assert.match(native.skipReason!, /none of the selected modes \(baseline\)/);
  const wasmtime = planned.find((p) => p.header.id === 'throughput/wasmtime-serve/wasmtime')!;
  if (wasmtime.skipReason) assert.match(wasmtime.skipReason, /^skipped: /);
  const reuse = planned.find((p) => p.header.id === 'throughput/node-wasm-reuse/node/baseline')!;
  assert.equal(reuse.loopCase.iterations, 1);
  assert.equal(reuse.header.params.connections, 16);
});
