// precompileNs on real compilers (issue 14): Wasmtime through its Python
// bindings (Module.serialize() in runners/hosts/wasmtime_host.py) always
// when the bindings are installed, and every AOT-capable CLI on PATH. The
// compile is timed as its own process samples, with the artifact's size, and
// a compile-payback entry counts it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ResultsFile } from '../../core/results/model.ts';
import { findExecutable } from '../../runners/which.ts';

const BIN = fileURLToPath(new URL('../../bin/wasmbench.mjs', import.meta.url));

async function run(args: string[], env: Record<string, string> = {}): Promise<ResultsFile> {
  const dir = await mkdtemp(join(tmpdir(), 'wasmbench-precompile-'));
  try {
    const r = spawnSync(
      process.execPath,
      [BIN, 'run', '--fixture', 'fib', '--iterations', '2', '--warmups', '0', '--out', dir, '--no-report', ...args],
      {
        encoding: 'utf8',
        timeout: 300_000,
        env: { ...process.env, CI: 'true', ...env },
      },
    );
    assert.ok(r.status === 0 || r.status === 1, r.stderr.slice(-2000));
    return JSON.parse(await readFile(join(dir, 'results.json'), 'utf8')) as ResultsFile;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function checkPrecompiled(file: ResultsFile, runtime: string): void {
  const pre = file.cases.filter((c) => c.runtime === runtime && c.cacheState === 'precompiled' && c.status === 'ok');
  assert.ok(
    pre.length > 0,
    `no ok precompiled ${runtime} case: ${file.cases.map((c) => `${c.id} ${c.status} ${c.reason ?? ''}`).join('; ')}`,
  );
  for (const c of pre) {
    assert.equal(c.metrics.precompileNs?.samples.length, 3, c.id);
    assert.ok(c.metrics.precompileNs.samples.every((ns) => ns > 0));
    assert.ok((c.metrics.artifactBytes?.samples[0] ?? 0) > 0, `${c.id}: artifact size recorded`);
  }
  const paybacks = file.analyses.filter((a) => a.kind === 'compile-payback' && a.runtime === runtime);
  assert.ok(paybacks.length > 0, `${runtime}: a crossover entry that counts the compile`);
}

const hasPythonWasmtime = spawnSync('python3', ['-c', 'import wasmtime'], { stdio: 'ignore' }).status === 0;

test('wasmtime via the Python bindings: Module.serialize() timed as precompileNs', {
  skip: hasPythonWasmtime ? false : 'pip install wasmtime',
  timeout: 300_000,
}, async () => {
  const file = await run(['--runtime', 'wasmtime', '--mode', 'optimizing', '--cache-state', 'cold,precompiled'], {
    WASMBENCH_WASMTIME_HOST: 'embed-python',
  });
  checkPrecompiled(file, 'wasmtime');
  const q = file.analyses.find((a) => a.kind === 'compile-payback' && a.question === 'cold vs precompiled cache');
  assert.ok(q, 'cold vs precompiled (cache) answered');
});

for (const [runtime, binary] of [
  ['wazero', 'wazero'],
  ['wasmedge', 'wasmedge'],
  ['wasmer', 'wasmer'],
  ['iwasm', 'wamrc'],
] as const) {
  test(`${runtime}: its compile step timed as precompileNs when on PATH`, { timeout: 300_000 }, async (t) => {
    if (!(await findExecutable([binary]))) return t.skip(`${binary} not on PATH`);
    checkPrecompiled(await run(['--runtime', runtime, '--cache-state', 'precompiled,cold']), runtime);
  });
}
