import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadFixture } from '../../core/workloads/manifest.ts';
import type { AvailableRuntime, CacheState, Mode, RunSpec } from '../../runners/types.ts';
import { wasmtimeAdapter } from '../../runners/wasmtime/adapter.ts';
import { casePaths } from '../../runners/wasmtime/cache.ts';
import { detectEmbed } from '../../runners/wasmtime/embed.ts';

const run = promisify(execFile);
const embed = await detectEmbed();
const skip = embed.ok ? false : `wasmtime Python bindings unavailable: ${embed.reason} (pip install wasmtime)`;

async function detected(): Promise<AvailableRuntime> {
  const previous = process.env.WASMBENCH_WASMTIME_HOST;
  process.env.WASMBENCH_WASMTIME_HOST = 'embed-python';
  try {
    const d = await wasmtimeAdapter.detect();
    assert.equal(d.available, true, JSON.stringify(d));
    return d as AvailableRuntime;
  } finally {
    if (previous === undefined) delete process.env.WASMBENCH_WASMTIME_HOST;
    else process.env.WASMBENCH_WASMTIME_HOST = previous;
  }
}

async function spec(mode: Mode, cacheState: CacheState, workDir: string): Promise<RunSpec> {
  return { fixture: await loadFixture('fib'), args: ['20', '3'], env: {}, mode, cacheState, workDir };
}

test('detect reports the engine version and the three tiers', { skip }, async () => {
  const runtime = await detected();
  assert.equal(runtime.host, 'embed-python');
  assert.match(runtime.version, /^\d+\.\d+\.\d+/);
  assert.deepEqual(runtime.modes.map((m) => m.mode).sort(), ['baseline', 'interpreter', 'optimizing']);
});

test('every tier runs fib in every cache state with phases and the right answer', {
  skip,
  timeout: 180_000,
}, async (t) => {
  const runtime = await detected();
  const root = await mkdtemp(join(tmpdir(), 'wb-wasmtime-e2e-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  for (const mode of runtime.modes) {
    for (const cacheState of mode.cacheStates) {
      const workDir = join(root, `${mode.mode}-${cacheState}`);
      await run('mkdir', ['-p', workDir]);
      const s = await spec(mode.mode, cacheState, workDir);
      const prepared = await wasmtimeAdapter.prepare(runtime, s);
      if (cacheState === 'precompiled') assert.ok((prepared.artifactBytes ?? 0) > 0);
      await wasmtimeAdapter.reset?.(runtime, s);
      const command = wasmtimeAdapter.command(runtime, s, prepared);
      const { stdout } = await run(command.argv[0], command.argv.slice(1), { cwd: command.cwd });
      assert.match(stdout, /^fib\(20\) = 6765$/m, `${mode.mode}/${cacheState}`);
      assert.match(stdout, /^@wb compile_ns \d+$/m);
      assert.equal(stdout.match(/^@wb iter_ns \d+$/gm)?.length, 3);
    }
  }
});

test('a precompiled artifact from another engine version is rebuilt, not trusted', {
  skip,
  timeout: 60_000,
}, async (t) => {
  const runtime = await detected();
  const workDir = await mkdtemp(join(tmpdir(), 'wb-wasmtime-e2e-'));
  t.after(() => rm(workDir, { recursive: true, force: true }));
  const s = await spec('optimizing', 'precompiled', workDir);
  const paths = casePaths(workDir, 'fib');
  await writeFile(paths.artifact, 'not an artifact');
  await writeFile(
    paths.stamp,
    JSON.stringify({ host: 'embed-python', engineVersion: '1.0.0', flags: [], wasmSha256: '' }),
  );
  const prepared = await wasmtimeAdapter.prepare(runtime, s);
  assert.match(prepared.notes.join(' '), /rebuilt/);
  const command = wasmtimeAdapter.command(runtime, s, prepared);
  const { stdout } = await run(command.argv[0], command.argv.slice(1), { cwd: command.cwd });
  assert.match(stdout, /fib\(20\) = 6765/);
});

test('the host refuses a foreign artifact with a clear message and exit 1', { skip, timeout: 60_000 }, async (t) => {
  const runtime = await detected();
  const workDir = await mkdtemp(join(tmpdir(), 'wb-wasmtime-e2e-'));
  t.after(() => rm(workDir, { recursive: true, force: true }));
  const s = await spec('interpreter', 'precompiled', workDir);
  const prepared = await wasmtimeAdapter.prepare(runtime, s);
  // A Pulley artifact loaded by a native-code engine must be refused.
  const argv = wasmtimeAdapter.command(runtime, { ...s, mode: 'optimizing' }, prepared).argv;
  await assert.rejects(run(argv[0], argv.slice(1), { cwd: workDir }), (err: { code?: number; stderr?: string }) => {
    assert.equal(err.code, 1);
    assert.match(String(err.stderr), /rebuild it/);
    return true;
  });
});

test('the host exits with the guest code, 134 on a trap, 1 on a missing module', {
  skip,
  timeout: 60_000,
}, async (t) => {
  const runtime = await detected();
  const dir = await mkdtemp(join(tmpdir(), 'wb-wasmtime-e2e-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const host = join(import.meta.dirname, '../../runners/hosts/wasmtime_host.py');
  const wat = (text: string, out: string) =>
    run(runtime.path, [
      '-c',
      `import wasmtime,sys; open(sys.argv[1],'wb').write(wasmtime.wat2wasm(sys.argv[2]))`,
      out,
      text,
    ]);
  await wat('(module (func (export "_start") unreachable))', join(dir, 'trap.wasm'));
  await wat(
    '(module (import "wasi_snapshot_preview1" "proc_exit" (func $e (param i32))) (memory (export "memory") 1) (func (export "_start") i32.const 3 call $e))',
    join(dir, 'exit3.wasm'),
  );
  const code = (args: string[]) =>
    run(runtime.path, [host, ...args], { cwd: dir }).then(
      () => 0,
      (err: { code: number }) => err.code,
    );
  assert.equal(await code([join(dir, 'trap.wasm')]), 134);
  assert.equal(await code([join(dir, 'exit3.wasm')]), 3);
  assert.equal(await code([join(dir, 'missing.wasm')]), 1);
  assert.equal(await code(['--bogus']), 2);
});
