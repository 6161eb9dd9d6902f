// The startup suite for real: node (three V8 tiers) and native, through the
// orchestrator, into a results file on disk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { resolveConfig } from '../../core/config/resolve.ts';
import { RunEventBus } from '../../core/events.ts';
import { runBenchmarks } from '../../core/run.ts';
import { builtIns } from '../../cli/built-ins.ts';
import { readResults } from '../../core/results/read.ts';
import { renderReports } from '../../reports/render.ts';

test('node tiers and native: ok cases with process metrics, phases and the exact command', {
  timeout: 240_000,
}, async () => {
  const out = await mkdtemp(join(tmpdir(), 'wasmbench-e2e-'));
  const config = resolveConfig(
    {
      runtimes: ['node', 'native'],
      profile: 'quick',
      iterations: 3,
      warmups: 1,
      out,
      startup: { fixtures: ['noop', 'hello', 'fib'] },
    },
    { source: null, runId: 'e2e', seed: () => 99 },
  );
  const { file } = await runBenchmarks({
    ...builtIns(),
    config,
    runId: 'e2e',
    bus: new RunEventBus(),
    signal: new AbortController().signal,
  });
  const onDisk = await readResults(out);
  assert.equal(onDisk.schemaVersion, 2);
  assert.equal(onDisk.state, 'complete');
  assert.equal(onDisk.seed, 99);
  assert.equal(onDisk.cases.length, file.cases.length);
  assert.equal(onDisk.cases.length, 3 * 3 + 3); // node: 3 modes x 3 fixtures; native: 3 fixtures
  for (const c of onDisk.cases) {
    assert.equal(c.status, 'ok', `${c.id}: ${c.reason} ${JSON.stringify(c.errors[0])}`);
    assert.equal(c.metrics.wallNs.samples.length, 3, c.id);
    assert.ok(isAbsolute(c.command[0]), `${c.id} command[0] ${c.command[0]}`);
    assert.ok(c.metrics.wallNs.summary!.median > 0);
    assert.ok(c.metrics.wallNs.summary!.median < 30e9, 'sanity bound');
    assert.ok(c.metrics.wallNs.histogram, `${c.id} has a wallNs histogram`);
  }
  const node = onDisk.cases.filter((c) => c.runtime === 'node');
  assert.deepEqual([...new Set(node.map((c) => c.mode))].sort(), ['baseline', 'optimizing', 'tiered']);
  for (const c of node) {
    for (const phase of ['compileNs', 'instantiateNs', 'executeNs'])
      assert.equal(c.metrics[phase].samples.length, 3, `${c.id} ${phase}`);
    assert.equal(c.host, 'embed-node');
  }
  const hello = onDisk.cases.find((c) => c.runtime === 'native' && c.fixture === 'hello')!;
  const main = hello.metrics.mainEntryNs.summary!;
  assert.ok(
    main.median > 0 && main.median <= hello.metrics.wallNs.summary!.median,
    'main entry lies between spawn and exit',
  );
  const fib = onDisk.cases.find((c) => c.runtime === 'native' && c.fixture === 'fib')!;
  assert.equal(fib.metrics.iterNs.samples.length, 3 * 5, 'five in-guest iterations per sample');
  const baseline = node.find((c) => c.mode === 'baseline')!;
  assert.deepEqual(baseline.flags, ['--liftoff-only']);
  assert.ok(baseline.command.includes('--liftoff-only'));
  const written = await renderReports(out);
  assert.ok(written.includes('samples.csv'));
  const csv = await readFile(join(out, 'samples.csv'), 'utf8');
  // The long format the issue names comes first; extra identity columns follow.
  assert.match(csv.split('\n')[0], /^suite,runtime,mode,cacheState,fixture,metric,unit,index,value,/);
});
