import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stderrCheck } from '../../suites/guest-stderr.ts';
import { nodeAdapter } from '../../runners/node.ts';
import { wasmedgeAdapter } from '../../runners/wasmedge.ts';
import { wasmtimeAdapter } from '../../runners/wasmtime/adapter.ts';
import { wasmerAdapter } from '../../runners/wasmer.ts';
import type { AvailableRuntime, RuntimeAdapter } from '../../runners/types.ts';
import type { Workload } from '../../core/workloads/types.ts';

const FILE = '/corpus/app.stderr.expected';

function runtime(id: string, host: AvailableRuntime['host'] = 'cli'): AvailableRuntime {
  return { available: true, id, host, path: `/bin/${id}`, version: '1.0.0', arch: 'x64', modes: [], notes: [] };
}

function workload(extra: Partial<Workload> = {}): Workload {
  return {
    name: 'app',
    origin: 'corpus',
    wasmPath: '/corpus/app.wasm',
    wasmPathAsGiven: 'corpus/app.wasm',
    args: [],
    dirs: [],
    env: {},
    expectedStdout: 'out\n',
    check: 'exact',
    timeoutMs: 1000,
    module: { sha256: '0'.repeat(64), bytes: 1, benchMarkers: false },
    expectedStderr: 'one\ntwo\n',
    expectedStderrFile: FILE,
    ...extra,
  };
}

test('the guest stderr is compared exactly where the runtime keeps its own lines off it', () => {
  const check = stderrCheck(nodeAdapter, runtime('node', 'embed-node'), workload());
  assert.equal(check.note, null);
  assert.equal(check.mismatch('one\ntwo\n'), null);
  assert.equal(
    check.mismatch('one\nthree\n'),
    `stderr differs from ${FILE} (first difference at line 2: expected "two", got "three")`,
  );
  assert.equal(
    check.mismatch('one\n'),
    `stderr differs from ${FILE} (first difference at line 2: expected "two", got "")`,
  );
});

test("WasmEdge's log lines are taken out of stderr before the comparison", () => {
  const check = stderrCheck(wasmedgeAdapter, runtime('wasmedge'), workload());
  assert.equal(check.mismatch('[2026-12-02 02:00:00.123] [warning] something of its own\none\ntwo\n'), null);
  assert.match(check.mismatch('[2026-12-02 02:00:00.123] [info] x\none\n') ?? '', /stderr differs/);
});

test('where the streams cannot be told apart nothing is compared and the note says why', () => {
  const cli = stderrCheck(wasmtimeAdapter, runtime('wasmtime'), workload());
  assert.equal(
    cli.note,
    `stderr not checked against ${FILE} on wasmtime: the wasmtime CLI was not available to see whether it writes lines of its own to stderr on a successful run, so the guest's cannot be told apart`,
  );
  assert.equal(cli.mismatch('anything'), null);
  assert.equal(stderrCheck(wasmtimeAdapter, runtime('wasmtime', 'embed-python'), workload()).note, null);
  assert.match(
    stderrCheck(wasmerAdapter, runtime('wasmer'), workload()).note ?? '',
    /^stderr not checked .* on wasmer: /,
  );
  const silent = { ...nodeAdapter, id: 'other', guestStderr: undefined } as RuntimeAdapter;
  assert.equal(
    stderrCheck(silent, runtime('other'), workload()).note,
    `stderr not checked against ${FILE} on other: its adapter does not say how to tell other's own stderr lines from the guest's`,
  );
});

test('nothing to check: no expected stderr, check "ignore", or no workload', () => {
  for (const w of [
    workload({ expectedStderr: undefined, expectedStderrFile: undefined }),
    workload({ check: 'ignore' }),
    undefined,
  ]) {
    const check = stderrCheck(wasmtimeAdapter, runtime('wasmtime'), w);
    assert.equal(check.note, null);
    assert.equal(check.mismatch('x'), null);
  }
});
