// A workload's preopened dirs and guest env on every runtime: each CLI's own
// flags (the forms seen on real binaries, runners/cli/guest-options.ts), the
// adapters' sample argv with them, and which runtime skips such a workload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Workload } from '../../core/workloads/types.ts';
import { parseSemver } from '../../runners/cli/version.ts';
import {
  iwasmGuestFlags,
  wasmedgeGuestFlags,
  wasmerGuestFlags,
  wazeroGuestFlags,
} from '../../runners/cli/guest-options.ts';
import { adapterFor } from '../../runners/registry.ts';
import type { AvailableRuntime, ModeSupport, RunSpec } from '../../runners/types.ts';
import { readWriteNote, workloadSkipReason } from '../../suites/workload-support.ts';
import { workloadFixture } from '../../core/workloads/fixture.ts';

function workload(over: Partial<Workload> = {}): Workload {
  return {
    name: 'direnv',
    origin: 'module',
    wasmPath: '/w/direnv.wasm',
    wasmPathAsGiven: 'direnv.wasm',
    args: ['data/in.txt'],
    dirs: [
      { host: '/srv/data', guest: 'data', writable: false },
      { host: '/srv/out', guest: '/out', writable: true },
    ],
    env: { WB_GREETING: 'hi there', MODE: 'a=b' },
    expectedStdout: null,
    check: 'ignore',
    timeoutMs: 10_000,
    module: { sha256: '0'.repeat(64), bytes: 1, benchMarkers: false },
    ...over,
  };
}

const MODE: ModeSupport = { mode: 'interpreter', modeName: 'x', flags: [], cacheStates: ['cold'] };

function runtime(id: string, over: Partial<AvailableRuntime> = {}): AvailableRuntime {
  return {
    available: true,
    id,
    host: 'cli',
    path: `/opt/bin/${id}`,
    version: '1.0.0',
    arch: 'x64',
    modes: [MODE],
    notes: [],
    ...over,
  };
}

function spec(w: Workload, over: Partial<RunSpec> = {}): RunSpec {
  return {
    fixture: workloadFixture(w),
    args: w.args,
    env: {},
    mode: 'interpreter',
    cacheState: 'cold',
    workDir: '/tmp/case',
    workload: w,
    ...over,
  };
}

test('wazero: -mount=HOST:GUEST with :ro unless writable, -env=K=V', () => {
  assert.deepEqual(wazeroGuestFlags(workload()), [
    '-mount=/srv/data:data:ro',
    '-mount=/srv/out:/out',
    '-env=WB_GREETING=hi there',
    '-env=MODE=a=b',
  ]);
  const argv = adapterFor('wazero').command(runtime('wazero'), spec(workload()), {
    artifactPath: '/w/direnv.wasm',
    notes: [],
  }).argv;
  assert.deepEqual(argv, [
    '/opt/bin/wazero',
    'run',
    '-mount=.:.',
    '-mount=/srv/data:data:ro',
    '-mount=/srv/out:/out',
    '-env=WB_GREETING=hi there',
    '-env=MODE=a=b',
    '/w/direnv.wasm',
    'data/in.txt',
  ]);
});

test('wasmedge: --dir GUEST:HOST with :readonly unless writable, --env K=V, before the module', () => {
  assert.deepEqual(wasmedgeGuestFlags(workload()), [
    '--dir',
    'data:/srv/data:readonly',
    '--dir',
    '/out:/srv/out',
    '--env',
    'WB_GREETING=hi there',
    '--env',
    'MODE=a=b',
  ]);
  const argv = adapterFor('wasmedge').command(runtime('wasmedge'), spec(workload()), {
    artifactPath: '/w/direnv.wasm',
    notes: [],
  }).argv;
  assert.deepEqual(argv.slice(-4), ['--env', 'MODE=a=b', '/w/direnv.wasm', 'data/in.txt']);
  assert.deepEqual(argv.slice(1, 3), ['--dir', '.:.']);
});

test('iwasm: --map-dir=GUEST::HOST and --env=K=V (the = forms), read-write noted', () => {
  assert.deepEqual(iwasmGuestFlags(workload()), [
    '--map-dir=data::/srv/data',
    '--map-dir=/out::/srv/out',
    '--env=WB_GREETING=hi there',
    '--env=MODE=a=b',
  ]);
  const argv = adapterFor('iwasm').command(runtime('iwasm'), spec(workload()), {
    artifactPath: '/w/direnv.wasm',
    notes: [],
  }).argv;
  assert.deepEqual(argv, [
    '/opt/bin/iwasm',
    '--dir=.',
    ...iwasmGuestFlags(workload()),
    '/w/direnv.wasm',
    'data/in.txt',
  ]);
});

test('wasmer: --mapdir=GUEST:HOST before 7.0, --volume=HOST:GUEST from 7.0, --env=K=V; guest args after --', () => {
  assert.deepEqual(wasmerGuestFlags(parseSemver('6.0.1'), workload()), [
    '--mapdir=data:/srv/data',
    '--mapdir=/out:/srv/out',
    '--env=WB_GREETING=hi there',
    '--env=MODE=a=b',
  ]);
  assert.deepEqual(wasmerGuestFlags(parseSemver('7.0.0'), workload()).slice(0, 2), [
    '--volume=/srv/data:data',
    '--volume=/srv/out:/out',
  ]);
  const rt = runtime('wasmer', { version: '6.0.1', modes: [{ ...MODE, flags: ['--wasmi'] }] });
  const argv = adapterFor('wasmer').command(rt, spec(workload()), { artifactPath: '/w/direnv.wasm', notes: [] }).argv;
  assert.deepEqual(argv, [
    '/opt/bin/wasmer',
    'run',
    '--wasmi',
    '--dir=.',
    ...wasmerGuestFlags(parseSemver('6.0.1'), workload()),
    '/w/direnv.wasm',
    '--',
    'data/in.txt',
  ]);
});

test('a workload without dirs or env adds no flag anywhere', () => {
  const plain = workload({ dirs: [], env: {} });
  assert.deepEqual(
    [wazeroGuestFlags(plain), wasmedgeGuestFlags(plain), iwasmGuestFlags(plain), wasmerGuestFlags(null, plain)],
    [[], [], [], []],
  );
  assert.deepEqual(wazeroGuestFlags(undefined), []);
});

test('which runtime skips a workload with dirs or env, and which notes that read-only is not honoured', () => {
  const w = workload();
  const handle = (id: string, over: Partial<AvailableRuntime> = {}) => ({
    adapter: adapterFor(id),
    detection: runtime(id, over),
  });
  for (const id of ['node', 'wasmtime', 'wasmer', 'wasmedge', 'iwasm', 'wazero'])
    assert.equal(workloadSkipReason(handle(id), w), null, id);
  assert.match(workloadSkipReason(handle('wasm3'), w) ?? '', /sets preopened dirs and guest env: wasm3 has no flags/);
  assert.equal(workloadSkipReason(handle('wasm3'), workload({ dirs: [], env: {} })), null);
  assert.match(workloadSkipReason(handle('container'), w) ?? '', /container runtime builds a packaged fixture/);
  assert.match(workloadSkipReason(handle('native'), w) ?? '', /no native\.command/);
  assert.equal(workloadSkipReason(handle('native'), workload({ native: { command: ['/bin/twin'] } })), null);

  assert.equal(readWriteNote(handle('wazero'), w), undefined);
  assert.equal(readWriteNote(handle('wasmedge'), w), undefined);
  assert.equal(readWriteNote(handle('wasmtime', { host: 'embed-python' }), w), undefined);
  assert.match(readWriteNote(handle('iwasm'), w) ?? '', /no read-only form/);
  assert.match(readWriteNote(handle('wasmer'), w) ?? '', /no read-only form/);
  assert.match(readWriteNote(handle('wasmtime'), w) ?? '', /read-write/);
  assert.match(readWriteNote(handle('node', { host: 'embed-node' }), w) ?? '', /node:wasi/);
  // Only dirs asked read-only need the note.
  const writable = workload({ dirs: [{ host: '/srv/out', guest: '/out', writable: true }] });
  assert.equal(readWriteNote(handle('iwasm'), writable), undefined);
});
