import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { parseGuestOutput } from '../../core/protocol.ts';
import { loadFixture } from '../../core/workloads/manifest.ts';
import { callAdapter } from '../../runners/call-adapter.ts';
import { nodeAdapter } from '../../runners/node.ts';
import type { AvailableRuntime, RunSpec } from '../../runners/types.ts';
import { wasmtimeAdapter } from '../../runners/wasmtime/adapter.ts';
import { detectEmbed } from '../../runners/wasmtime/embed.ts';
import { callGuestMetrics, parseCallExpectation } from '../../suites/startup/call-cases.ts';

const run = promisify(execFile);
const fixture = await loadFixture('call');
const expectation = parseCallExpectation(fixture.expectedStdout)!;
const call = { ...expectation, calls: 200, warmupCalls: 50 };
const embed = await detectEmbed();

test('the call fixture names its export and the native answer', () => {
  assert.equal(expectation.name, 'wb_hash');
  assert.deepEqual(expectation.args, [12345]);
  assert.equal(typeof expectation.expect, 'number');
  assert.equal(parseCallExpectation('no such line\n'), null);
});

async function callsFor(runtime: AvailableRuntime, base: typeof nodeAdapter, mode: RunSpec['mode']): Promise<number[]> {
  const adapter = callAdapter(base, runtime, call)!;
  const spec: RunSpec = { fixture, args: [], env: {}, mode, cacheState: 'cold', workDir: process.cwd() };
  const prepared = await adapter.prepare(runtime, spec);
  const { argv } = adapter.command(runtime, spec, prepared);
  const { stdout } = await run(argv[0], argv.slice(1));
  const guest = parseGuestOutput(stdout);
  assert.equal(guest.text, '', 'call hosts print only protocol lines');
  const metrics = callGuestMetrics(guest);
  return metrics.callNs as number[];
}

test('node call host: tinybench samples, p50/p99 and rme for every V8 tier', { timeout: 60_000 }, async () => {
  const runtime = (await nodeAdapter.detect()) as AvailableRuntime;
  for (const mode of runtime.modes) {
    const adapter = callAdapter(nodeAdapter, runtime, call)!;
    const spec: RunSpec = { fixture, args: [], env: {}, mode: mode.mode, cacheState: 'cold', workDir: process.cwd() };
    const { argv } = adapter.command(runtime, spec, await adapter.prepare(runtime, spec));
    const metrics = callGuestMetrics(parseGuestOutput((await run(argv[0], argv.slice(1))).stdout));
    assert.equal((metrics.callNs as number[]).length, 200, mode.mode);
    assert.ok((metrics.callP50Ns as number) >= 0 && (metrics.callP99Ns as number) >= (metrics.callP50Ns as number));
    assert.equal(typeof metrics.callRmePpm, 'number');
  }
});

test('node call host rejects a wrong answer with exit 1', { timeout: 30_000 }, async () => {
  const runtime = (await nodeAdapter.detect()) as AvailableRuntime;
  const adapter = callAdapter(nodeAdapter, runtime, { ...call, expect: call.expect + 1 })!;
  const spec: RunSpec = { fixture, args: [], env: {}, mode: 'tiered', cacheState: 'cold', workDir: process.cwd() };
  const { argv } = adapter.command(runtime, spec, await adapter.prepare(runtime, spec));
  await assert.rejects(run(argv[0], argv.slice(1)), (err: { code?: number }) => err.code === 1);
});

test('python call host: a timed loop per tier', {
  skip: embed.ok ? false : `wasmtime Python bindings unavailable (pip install wasmtime)`,
  timeout: 60_000,
}, async () => {
  process.env.WASMBENCH_WASMTIME_HOST = 'embed-python';
  const runtime = (await wasmtimeAdapter.detect()) as AvailableRuntime;
  delete process.env.WASMBENCH_WASMTIME_HOST;
  for (const mode of runtime.modes) {
    const samples = await callsFor(runtime, wasmtimeAdapter, mode.mode);
    assert.equal(samples.length, 200, mode.mode);
    assert.ok(samples.every((s) => Number.isInteger(s) && s >= 0));
  }
});

test('a runtime driven through its CLI has no call host', () => {
  const cli = {
    available: true,
    id: 'wasmtime',
    host: 'cli',
    path: '/x',
    version: '36.0.0',
    arch: 'x64',
    modes: [],
    notes: [],
  } as AvailableRuntime;
  assert.equal(callAdapter(wasmtimeAdapter, cli, call), null);
});
