// sleep-jitter: a runtime whose adapter says it cannot sleep to an absolute
// deadline gets its absolute variants skipped with that reason (seen: wasm3
// hangs, wazero exits 1), while its relative variants still run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../core/config/resolve.ts';
import type { RuntimeHandle, SuiteContext } from '../../core/plan/types.ts';
import type { ProcessTimer } from '../../core/process/timer.ts';
import { loadFixture } from '../../core/workloads/manifest.ts';
import { wasm3Adapter } from '../../runners/wasm3.ts';
import { wazeroAdapter } from '../../runners/wazero.ts';
import { iwasmAdapter } from '../../runners/iwasm.ts';
import { nodeAdapter } from '../../runners/node.ts';
import type { Detection, RuntimeAdapter } from '../../runners/types.ts';
import { runtimeCases } from '../../suites/sleep-jitter/cases.ts';
import { resolveSleepJitter, sleepVariants } from '../../suites/sleep-jitter/options.ts';

function handle(adapter: RuntimeAdapter): RuntimeHandle {
  const detection: Detection = {
    available: true,
    id: adapter.id,
    host: 'cli',
    path: `/bin/${adapter.id}`,
    version: '1.0.0',
    arch: 'x64',
    notes: [],
    modes: [{ mode: 'interpreter', modeName: 'interp', flags: [], cacheStates: ['cold'] }],
  };
  return { adapter, detection };
}

async function plan(adapter: RuntimeAdapter) {
  const config = resolveConfig(
    { profile: 'quick', sleepJitter: { deadline: 'both', edgeCases: false } },
    { source: null, runId: 't', seed: () => 1 },
  );
  const ctx = {
    config,
    runtimes: [handle(adapter)],
    timer: { method: 'node-spawn' } as ProcessTimer,
    workDir: '/tmp/wasmbench-unused',
  } as SuiteContext;
  const options = resolveSleepJitter(config);
  return runtimeCases(ctx, await loadFixture('sleep'), sleepVariants(options), options, {});
}

test("wasm3, wazero and node (uvwasi): absolute variants are skipped with the adapter's reason, relative ones are planned", async () => {
  for (const adapter of [wasm3Adapter, wazeroAdapter, nodeAdapter]) {
    const cases = await plan(adapter);
    assert.deepEqual(
      cases.map((c) => [c.header.id, c.skip?.kind ?? 'run']),
      [
        [`sleep-jitter/${adapter.id}/interpreter/cold/sleep/relative-10ms`, 'run'],
        [`sleep-jitter/${adapter.id}/interpreter/cold/sleep/absolute-10ms`, 'workload-unsupported'],
      ],
      adapter.id,
    );
    const skipped = cases[1];
    assert.equal(
      skipped.skipReason,
      `skipped: ${adapter.id} cannot run sleep with absolute deadlines: ${adapter.sleepNotes?.absoluteUnsupported}`,
    );
    assert.match(skipped.skipReason ?? '', /seen: /, 'the reason says where it was seen');
    assert.equal(skipped.header.fixture, 'sleep');
    assert.equal(skipped.header.params.deadline, 'absolute');
  }
});

test('iwasm sleeps to absolute deadlines (clock_nanosleep): both variants are planned', async () => {
  const cases = await plan(iwasmAdapter);
  assert.deepEqual(
    cases.map((c) => c.skip?.kind ?? 'run'),
    ['run', 'run'],
  );
});
