// The cgi server calls no reset() between requests: a cold state that an
// adapter remakes before each sample (wasmtime's emptied cache) cannot be a
// cgi case, while a runtime whose cold state needs no reset (wasm3) runs cold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../core/config/resolve.ts';
import { RunEventBus } from '../../core/events.ts';
import { wasm3Adapter } from '../../runners/wasm3.ts';
import { wasmtimeAdapter } from '../../runners/wasmtime/adapter.ts';
import type { CacheState, Detection, RuntimeAdapter } from '../../runners/types.ts';
import { throughputSuite } from '../../suites/throughput/index.ts';

function handle(adapter: RuntimeAdapter, cacheStates: CacheState[]) {
  const detection: Detection = {
    available: true,
    id: adapter.id,
    host: 'cli',
    path: `/bin/${adapter.id}`,
    version: '1.0.0',
    arch: 'x64',
    notes: [],
    modes: [{ mode: 'interpreter', modeName: 'interp', flags: [], cacheStates }],
  };
  return { adapter, detection };
}

function plan(cacheStates: CacheState[] | undefined) {
  return throughputSuite.plan({
    config: resolveConfig(
      {
        suites: ['throughput'],
        runtimes: ['wasmtime', 'wasm3'],
        profile: 'quick',
        cacheStates,
        throughput: { variants: ['cgi'] },
      },
      { source: null, runId: 'test', seed: () => 1 },
    ),
    runtimes: [handle(wasmtimeAdapter, ['cold', 'warm']), handle(wasm3Adapter, ['cold'])],
    timer: {} as never, // planning takes no sample
    bus: new RunEventBus(),
    workDir: '/nonexistent',
    signal: new AbortController().signal,
  });
}

test('cgi: warm is preferred; cold alone skips the runtime that resets per sample and runs the one that does not', async () => {
  const byDefault = await plan(undefined);
  assert.deepEqual(
    byDefault.map((c) => [c.header.runtime, c.header.cacheState, c.skip?.kind ?? 'run']),
    [
      ['wasmtime', 'warm', 'run'],
      ['wasm3', 'cold', 'run'],
    ],
  );
  const coldOnly = await plan(['cold']);
  assert.deepEqual(
    coldOnly.map((c) => [c.header.runtime, c.header.cacheState, c.skip?.kind ?? 'run']),
    [
      ['wasmtime', 'cold', 'unavailable'],
      ['wasm3', 'cold', 'run'],
    ],
  );
  assert.equal(
    coldOnly[0].skipReason,
    "skipped: the cgi server runs one wasmtime command per request with nothing reset between requests, while wasmtime's cold state is remade before each sample (an emptied compilation cache, a fresh container bundle): every request after the first would run warm, labeled cold; select --cache-state warm",
  );
});
