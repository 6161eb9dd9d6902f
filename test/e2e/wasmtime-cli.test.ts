import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadFixture } from '../../core/workloads/manifest.ts';
import type { AvailableRuntime, RunSpec } from '../../runners/types.ts';
import { findExecutable } from '../../runners/which.ts';
import { wasmtimeAdapter } from '../../runners/wasmtime/adapter.ts';

const run = promisify(execFile);
const cli = await findExecutable([process.env.WASMBENCH_WASMTIME, 'wasmtime']);
const skip = cli
  ? false
  : 'no wasmtime CLI on PATH (or $WASMBENCH_WASMTIME): install it from https://wasmtime.dev to run this test';

test('the CLI runs fib in every tier and cache state it supports', { skip, timeout: 300_000 }, async (t) => {
  process.env.WASMBENCH_WASMTIME_HOST = 'cli';
  const detection = await wasmtimeAdapter.detect();
  delete process.env.WASMBENCH_WASMTIME_HOST;
  assert.equal(detection.available, true, JSON.stringify(detection));
  const runtime = detection as AvailableRuntime;
  assert.equal(runtime.host, 'cli');
  const root = await mkdtemp(join(tmpdir(), 'wb-wasmtime-cli-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const fixture = await loadFixture('fib');
  for (const mode of runtime.modes) {
    for (const cacheState of mode.cacheStates) {
      const workDir = join(root, `${mode.mode}-${cacheState}`);
      await run('mkdir', ['-p', workDir]);
      const spec: RunSpec = { fixture, args: ['20', '2'], env: {}, mode: mode.mode, cacheState, workDir };
      const prepared = await wasmtimeAdapter.prepare(runtime, spec);
      await wasmtimeAdapter.reset?.(runtime, spec);
      const { argv, cwd } = wasmtimeAdapter.command(runtime, spec, prepared);
      const { stdout } = await run(argv[0], argv.slice(1), { cwd });
      assert.match(stdout, /^fib\(20\) = 6765$/m, `${mode.mode}/${cacheState}`);
    }
  }
});
