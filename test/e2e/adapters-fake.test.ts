// The wasmer and wasmedge adapters end to end against stand-in CLIs (shell
// scripts that answer like the real ones, per RUNTIME-CLIS.md and wasmer's
// print_version), because neither runtime is installable here. They check the
// detection logic (backend list, a tier that fails, cache probing), the
// private cache handling and the precompiled artifact path, not the engines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { probe } from '../../runners/cli/probe.ts';
import { loadFixture } from '../../core/workloads/manifest.ts';
import { wasmerAdapter } from '../../runners/wasmer.ts';
import { wasmedgeAdapter } from '../../runners/wasmedge.ts';
import type { AvailableRuntime, Detection, RuntimeAdapter } from '../../runners/types.ts';

const HELLO = 'printf "@wb main_entry_realtime_ns 1\\nHello, world!\\n"';
const OUT_ARG = 'out=""; prev=""; for a in "$@"; do [ "$prev" = "-o" ] && out="$a"; prev="$a"; done';

const FAKE_WASMER = `
case "$1" in
  --version) echo "wasmer 6.0.1"; exit 0;;
  -vV) printf 'wasmer 6.0.1 (c0ffee1 2025-05-01)\\nbinary: wasmer-cli\\nhost: x86_64-unknown-linux-gnu\\nruntimes: singlepass, cranelift, llvm\\n'; exit 0;;
  run) [ "$2" = "--singlepass" ] || [ "$2" = "--cranelift" ] || { echo "error: unknown backend $2" >&2; exit 1; }
       mkdir -p "$WASMER_CACHE_DIR" && touch "$WASMER_CACHE_DIR/module-$$"; ${HELLO}; exit 0;;
  compile) ${OUT_ARG}; echo wasmu > "$out"; exit 0;;
esac
exit 2`;

const FAKE_WASMEDGE = `
case "$1" in
  --version) echo "$0 version 0.14.1"; echo ' (plugin "wasi_logging") version 0.1.0.0'; exit 0;;
  --help) echo "  --enable-jit  Enable JIT"; echo "  --run-mode  interpreter, jit, aot"; exit 0;;
  compile) echo so > "$3"; exit 0;;
esac
[ "$2" = "jit" ] && { echo "[2026-11-21 16:04:07.478] [warning] JIT was requested but WasmEdge was built without LLVM, falling back to interpreter."; exit 0; }
${HELLO}`;

async function withFake(
  envVar: string,
  script: string,
  adapter: RuntimeAdapter,
): Promise<{ detection: Detection; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'wasmbench-fake-'));
  const path = join(dir, 'cli');
  await writeFile(path, `#!/bin/sh\n${script}\n`);
  await chmod(path, 0o755);
  const saved = process.env[envVar];
  process.env[envVar] = path;
  try {
    return { detection: await adapter.detect(), dir };
  } finally {
    if (saved === undefined) delete process.env[envVar];
    else process.env[envVar] = saved;
  }
}

async function runOnce(
  adapter: RuntimeAdapter,
  runtime: AvailableRuntime,
  mode: AvailableRuntime['modes'][number],
  cacheState: 'cold' | 'warm' | 'precompiled',
) {
  const fixture = await loadFixture('hello');
  const workDir = await mkdtemp(join(tmpdir(), 'wasmbench-fake-case-'));
  const spec = { fixture, args: ['a'], env: {}, mode: mode.mode, cacheState, workDir };
  const prepared = await adapter.prepare(runtime, spec);
  await adapter.reset?.(runtime, spec);
  const command = adapter.command(runtime, spec, prepared);
  const result = await probe(command.argv, { cwd: command.cwd, env: command.env });
  return { workDir, prepared, command, result };
}

test('wasmer: backends from -vV, a failing tier skipped with its reason, private cache per state', {
  timeout: 60_000,
}, async () => {
  const { detection, dir } = await withFake('WASMBENCH_WASMER', FAKE_WASMER, wasmerAdapter);
  assert.ok(detection.available, !detection.available ? detection.reason : '');
  const rt = detection as AvailableRuntime;
  assert.equal(rt.version, '6.0.1');
  assert.deepEqual(
    rt.modes.map((m) => `${m.mode}(${m.modeName})[${m.cacheStates.join('/')}]`),
    ['baseline(singlepass)[cold/warm/precompiled]', 'optimizing(cranelift)[cold/warm/precompiled]'],
  );
  assert.ok(rt.notes.some((n) => /llvm not measured: optimizing is already cranelift/.test(n)));
  for (const state of ['cold', 'warm', 'precompiled'] as const) {
    const { workDir, prepared, command, result } = await runOnce(wasmerAdapter, rt, rt.modes[0], state);
    assert.ok(result.ok, result.stderr);
    assert.match(result.stdout, /Hello, world!/);
    assert.equal(command.env?.WASMER_CACHE_DIR, join(workDir, 'wasmer-cache'), 'the cache is private to the case');
    assert.deepEqual(command.argv.slice(-2), ['--', 'a'], 'guest args follow --');
    if (state === 'precompiled') {
      assert.match(prepared.artifactPath, /\.wasmu$/);
      assert.ok((prepared.artifactBytes ?? 0) > 0);
    }
    if (state === 'cold') {
      assert.equal(
        (await readdir(join(workDir, 'wasmer-cache'))).length,
        1,
        'only this sample wrote to the cold cache',
      );
      await wasmerAdapter.reset!(rt, {
        fixture: await loadFixture('hello'),
        args: [],
        env: {},
        mode: 'baseline',
        cacheState: 'cold',
        workDir,
      });
      assert.deepEqual(await readdir(join(workDir, 'wasmer-cache')), [], 'reset empties the cold cache');
    }
    if (state === 'warm')
      assert.equal((await readdir(join(workDir, 'wasmer-cache'))).length, 2, 'untimed run + this run');
    await rm(workDir, { recursive: true, force: true });
  }
  await rm(dir, { recursive: true, force: true });
});

test('wasmedge: path-first version, JIT skipped when the build falls back to the interpreter, AOT with --run-mode aot', {
  timeout: 60_000,
}, async () => {
  const { detection, dir } = await withFake('WASMBENCH_WASMEDGE', FAKE_WASMEDGE, wasmedgeAdapter);
  assert.ok(detection.available, !detection.available ? detection.reason : '');
  const rt = detection as AvailableRuntime;
  assert.equal(rt.version, '0.14.1');
  assert.deepEqual(
    rt.modes.map((m) => `${m.mode}:${m.flags.join(' ')}`),
    ['interpreter:--run-mode interpreter', 'aot:--run-mode aot'],
  );
  assert.ok(
    rt.notes.some((n) =>
      /optimizing \(jit\) skipped: exit 0 but JIT was requested but WasmEdge was built without LLVM, falling back/.test(
        n,
      ),
    ),
    'a JIT run that fell back to the interpreter (exit 0, seen) is not a JIT',
  );
  const { workDir, prepared, command, result } = await runOnce(wasmedgeAdapter, rt, rt.modes[1], 'precompiled');
  assert.ok(result.ok, result.stderr);
  assert.match(prepared.artifactPath, /\.so$/);
  assert.deepEqual(command.argv.slice(1, 5), ['--run-mode', 'aot', '--dir', '.:.']);
  await rm(workDir, { recursive: true, force: true });
  await rm(dir, { recursive: true, force: true });
});
