// Bad guests become errored samples with their stderr tail; the run goes on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLoop } from '../../core/loop.ts';
import { RunEventBus } from '../../core/events.ts';
import type { SampleError } from '../../core/results/model.ts';
import { assertValidWasm, loadFixture, type Fixture } from '../../core/workloads/manifest.ts';
import { guestCase } from '../../suites/guest-case.ts';
import type { AvailableRuntime } from '../../runners/types.ts';
import { suiteContext } from '../helpers/run-context.ts';
import { trapModuleBytes } from '../helpers/trap-module.ts';

async function firstErrors(
  fixture: Fixture,
  overrides: { args?: string[]; expected?: string | null; runtime?: 'node' | 'native'; timeoutMs?: number } = {},
): Promise<SampleError[]> {
  const ctx = await suiteContext({
    runtimes: [overrides.runtime ?? 'node'],
    iterations: 2,
    warmups: 0,
    timeoutMs: overrides.timeoutMs ?? 30_000,
  });
  const handle = ctx.runtimes[0];
  const runtime = handle.detection as AvailableRuntime;
  const planned = guestCase(ctx, {
    suite: 'startup',
    adapter: handle.adapter,
    runtime,
    mode: runtime.modes[0],
    cacheState: runtime.modes[0].cacheStates[0],
    fixture,
    args: overrides.args ?? fixture.defaultArgs,
    expectedStdout: overrides.expected === undefined ? fixture.expectedStdout : overrides.expected,
    params: {},
    units: {},
  });
  await planned.prepare();
  const errors: SampleError[] = [];
  const bus = new RunEventBus();
  bus.on('sample-error', (e) => errors.push(e.error));
  const [report] = await runLoop([planned.loopCase], { seed: 1 }, bus);
  assert.equal(report.errors, errors.length);
  return errors;
}

test('a guest that traps is an errored sample with the trap in its stderr tail', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'wasmbench-trap-'));
  const hello = await loadFixture('hello');
  const wasmPath = join(dir, 'trap.wasm');
  await writeFile(wasmPath, trapModuleBytes());
  const errors = await firstErrors({ ...hello, name: 'trap', wasmPath });
  assert.equal(errors.length, 2);
  assert.equal(errors[0].kind, 'exit');
  // The runtime's own trap message, not only the exit code.
  assert.match(errors[0].message, /^trapped: wasm execute failed: unreachable \(exit code 134\)$/);
  assert.match(errors[0].stderrTail, /unreachable/);
});

test('a guest that exits non-zero (bad arguments) is an errored sample', async () => {
  const errors = await firstErrors(await loadFixture('fib'), { args: ['not-a-number'], runtime: 'native' });
  assert.equal(errors[0].kind, 'exit');
  assert.match(errors[0].message, /exited with code 2/);
  assert.ok(errors[0].stderrTail.length > 0, 'stderr tail kept');
});

test('a wrong answer is an error, not a fast result', async () => {
  const errors = await firstErrors(await loadFixture('hello'), { expected: 'Hello, moon!\n' });
  assert.equal(errors[0].kind, 'wrong-output');
  assert.equal(
    errors[0].message,
    'stdout differs from the expected output (first difference at line 1: expected "Hello, moon!", got "Hello, world!")',
  );
});

test('a guest that hangs past its timeout is killed and recorded', async () => {
  const fib = await loadFixture('fib');
  const started = Date.now();
  // 1000 x fib(40) takes minutes; 300 ms is far too little.
  const errors = await firstErrors(fib, { args: ['40', '1000'], runtime: 'native', timeoutMs: 300 });
  assert.equal(errors[0].kind, 'timeout');
  assert.match(errors[0].message, /timed out after 300 ms/);
  assert.ok(Date.now() - started < 20_000, 'both samples were cut short');
});

test('a fixture file that is not wasm is refused before measuring, naming the file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'wasmbench-bad-'));
  const path = join(dir, 'broken.wasm');
  await writeFile(path, 'this is not wasm');
  assert.throws(
    () => assertValidWasm(path),
    (err: Error) => err.message.includes(path) && /not a WebAssembly module/.test(err.message),
  );
});
