// The untimed run that fills a warm cache is a real guest run, so it gets the
// workload's stdin like every sample: a guest that needs its input would
// otherwise block or take another path while filling the cache. Checked on
// probe() itself, on a stand-in wasmer CLI (the fake records what its run
// read), and end to end on Wasmtime's Python bindings with a guest that
// exits 3 when its stdin is empty.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import binaryen from 'binaryen';
import { probe } from '../../runners/cli/probe.ts';
import { wasmerAdapter } from '../../runners/wasmer.ts';
import { workloadFixture } from '../../core/workloads/fixture.ts';
import type { Workload } from '../../core/workloads/types.ts';
import type { AvailableRuntime } from '../../runners/types.ts';
import type { ResultsFile } from '../../core/results/model.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/wasmbench.mjs');
const INPUT = 'request 42\n';

/** Reads up to 64 bytes of stdin and echoes them; exits 3 when stdin is empty. */
const NEEDS_STDIN_WAT = `(module
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 64))
    (i32.store (i32.const 4) (i32.const 64))
    (drop (call $fd_read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8)))
    (if (i32.eqz (i32.load (i32.const 8))) (then (call $proc_exit (i32.const 3))))
    (i32.store (i32.const 4) (i32.load (i32.const 8)))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 12)))))`;

function needsStdinModule(): Uint8Array {
  const module = binaryen.parseText(NEEDS_STDIN_WAT);
  try {
    return module.emitBinary();
  } finally {
    module.dispose();
  }
}

const FAKE_WASMER = `#!/bin/sh
case "$1" in
  --version) echo "wasmer 6.0.1"; exit 0;;
  -vV) printf 'wasmer 6.0.1 (c0ffee1 2025-05-01)\\nbinary: wasmer-cli\\nruntimes: singlepass, cranelift\\n'; exit 0;;
  run) mkdir -p "$WASMER_CACHE_DIR" && cat > "$WASMER_CACHE_DIR/stdin-seen-$$"; exit 0;;
esac
exit 2
`;

test('probe() feeds a stdin file; without one stdin is empty; a missing file is a spawn error', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'wb-stdin-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'in'), INPUT);
  assert.equal((await probe(['cat'], { stdinFile: join(dir, 'in') })).stdout, INPUT);
  assert.equal((await probe(['cat'])).stdout, '');
  const missing = await probe(['cat'], { stdinFile: join(dir, 'nope') });
  assert.equal(missing.ok, false);
  assert.match(missing.spawnError ?? '', /^cannot open stdin .*nope: ENOENT/);
});

test('wasmer (stand-in CLI): the untimed run that fills the warm cache reads the workload stdin', {
  timeout: 60_000,
}, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'wb-stdin-wasmer-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'wasmer'), FAKE_WASMER);
  await chmod(join(dir, 'wasmer'), 0o755);
  await writeFile(join(dir, 'in'), INPUT);
  await writeFile(join(dir, 'guest.wasm'), needsStdinModule());
  const saved = process.env.WASMBENCH_WASMER;
  process.env.WASMBENCH_WASMER = join(dir, 'wasmer');
  const detection = await wasmerAdapter.detect().finally(() => {
    if (saved === undefined) delete process.env.WASMBENCH_WASMER;
    else process.env.WASMBENCH_WASMER = saved;
  });
  assert.ok(detection.available, detection.available ? '' : detection.reason);
  const rt = detection as AvailableRuntime;
  const workload: Workload = {
    name: 'guest',
    origin: 'module',
    wasmPath: join(dir, 'guest.wasm'),
    wasmPathAsGiven: 'guest.wasm',
    args: [],
    stdinFile: join(dir, 'in'),
    dirs: [],
    env: {},
    expectedStdout: null,
    check: 'ignore',
    timeoutMs: 10_000,
    module: { sha256: '0'.repeat(64), bytes: 1, benchMarkers: false },
  };
  const workDir = join(dir, 'case');
  const spec = {
    fixture: workloadFixture(workload),
    args: [],
    env: {},
    mode: rt.modes[0].mode,
    cacheState: 'warm' as const,
    workDir,
    workload,
  };
  await wasmerAdapter.prepare(rt, spec);
  const cache = join(workDir, 'wasmer-cache');
  const seen = spawnSync('sh', ['-c', `cat "${cache}"/stdin-seen-*`], { encoding: 'utf8' }).stdout;
  assert.equal(seen, INPUT, 'the warm-filling run read the stdin file');
});

test('wasmtime (Python bindings): a warm case of a guest that needs its stdin fills the cache and runs', {
  timeout: 600_000,
}, async (t) => {
  if (spawnSync('python3', ['-c', 'import wasmtime']).status !== 0) return t.skip('pip install wasmtime');
  const dir = await mkdtemp(join(tmpdir(), 'wb-stdin-e2e-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'guest.wasm'), needsStdinModule());
  await writeFile(join(dir, 'in'), INPUT);
  await writeFile(
    join(dir, 'bench.config.ts'),
    `export default { workloads: [{ wasm: 'guest.wasm', stdin: 'in', expectedStdout: ${JSON.stringify(INPUT)} }] };\n`,
  );
  const out = join(dir, 'out');
  const r = spawnSync(
    process.execPath,
    [BIN, 'run', '--runtime', 'wasmtime', '--mode', 'optimizing', '--cache-state', 'warm', '--out', out].concat([
      '--profile',
      'quick',
      '--iterations',
      '2',
      '--warmups',
      '0',
      '--no-report',
    ]),
    { cwd: dir, encoding: 'utf8', env: { ...process.env, WASMBENCH_WASMTIME_HOST: 'embed-python' }, timeout: 600_000 },
  );
  assert.equal(r.status, 0, r.stderr);
  const [c] = (JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as ResultsFile).cases;
  assert.equal(c.cacheState, 'warm');
  assert.equal(c.status, 'ok', c.reason);
  assert.equal(c.metrics.wallNs.samples.length, 2);
});
