// A Sightglass-layout `<name>.stderr.expected` is checked like the stdout
// one, on node, Wasmtime's Python bindings and every CLI runtime on PATH (or
// in /opt/wasm-rt/bin): a module whose stderr matches gives ok cases, one
// whose expected stderr differs gives errored cases with the diff, and the
// other modules still run (exit 1 at the end).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import binaryen from 'binaryen';
import type { ResultsFile } from '../../core/results/model.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/wasmbench.mjs');
const PATH = [process.env.PATH ?? '', '/opt/wasm-rt/bin'].join(delimiter);

/** Writes "out line" to stdout and two lines to stderr. */
const BOTH_STREAMS_WAT = `(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "out line\\n")
  (data (i32.const 96) "err line one\\nerr line two\\n")
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 64))
    (i32.store (i32.const 4) (i32.const 9))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 16)))
    (i32.store (i32.const 0) (i32.const 96))
    (i32.store (i32.const 4) (i32.const 26))
    (drop (call $fd_write (i32.const 2) (i32.const 0) (i32.const 1) (i32.const 16)))))`;

function bothStreamsModule(): Uint8Array {
  const module = binaryen.parseText(BOTH_STREAMS_WAT);
  try {
    return module.emitBinary();
  } finally {
    module.dispose();
  }
}

test('stderr.expected: checked on every runtime that can separate it; a mismatch errors that case only', {
  timeout: 600_000,
}, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'wb-stderr-e2e-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const corpus = join(dir, 'corpus');
  await mkdir(corpus);
  for (const name of ['good', 'bad']) {
    await writeFile(join(corpus, `${name}.wasm`), bothStreamsModule());
    await writeFile(join(corpus, `${name}.stdout.expected`), 'out line\n');
  }
  await writeFile(join(corpus, 'good.stderr.expected'), 'err line one\nerr line two\n');
  await writeFile(join(corpus, 'bad.stderr.expected'), 'err line one\nsomething else\n');
  const clis = ['wasm3', 'wazero', 'iwasm', 'wasmedge'].filter(
    (id) => spawnSync('which', [id], { env: { PATH } }).status === 0,
  );
  const python = spawnSync('python3', ['-c', 'import wasmtime']).status === 0;
  const runtimes = ['node', ...(python ? ['wasmtime'] : []), ...clis];
  const out = join(dir, 'out');
  const r = spawnSync(
    process.execPath,
    [BIN, 'run', '--wasm', corpus, '--runtime', runtimes.join(','), '--mode', 'interpreter,optimizing']
      .concat(['--cache-state', 'cold', '--out', out, '--profile', 'quick', '--iterations', '2', '--warmups', '0'])
      .concat(['--no-report']),
    {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, PATH, WASMBENCH_WASMTIME_HOST: 'embed-python' },
      timeout: 600_000,
    },
  );
  assert.equal(r.status, 1, `a mismatching stderr is an errored case (exit 1): ${r.stderr}`);
  const cases = (JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as ResultsFile).cases.filter(
    (c) => c.status !== 'skipped',
  );
  const good = cases.filter((c) => c.fixture === 'good');
  const bad = cases.filter((c) => c.fixture === 'bad');
  assert.deepEqual(
    [...new Set(good.map((c) => c.runtime))].sort(),
    [...runtimes].sort(),
    'every runtime ran the module',
  );
  for (const c of good) {
    assert.equal(c.status, 'ok', `${c.id}: ${c.reason}`);
    assert.equal(c.workload?.expectedStderrFile, join(corpus, 'good.stderr.expected'));
    assert.equal(c.notes, undefined, `${c.id} checked its stderr`);
  }
  assert.equal(bad.length, good.length);
  for (const c of bad) {
    assert.equal(c.status, 'errored', c.id);
    assert.equal(
      c.errors[0]?.message,
      `stderr differs from ${join(corpus, 'bad.stderr.expected')} (first difference at line 2: expected "something else", got "err line two")`,
    );
  }
  t.diagnostic(`checked on ${runtimes.join(', ')} (${good.length} cases per module)`);
});
