// The binaryen rewrite of bench.start / bench.end (core/workloads/rewrite.ts):
// the result validates, imports no `bench`, keeps its answer, reports the
// region, and gives the guest its borrowed scratch bytes back.
import assert from 'node:assert/strict';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WASI } from 'node:wasi';
import { test } from 'node:test';
import binaryen from 'binaryen';
import { parseGuestOutput } from '../../core/protocol.ts';
import { rewriteBenchMarkers, SCRATCH_BYTES } from '../../core/workloads/rewrite.ts';

const EXAMPLE = fileURLToPath(new URL('../../docs/examples/sightglass/checksum/', import.meta.url));

/** Run a WASI command in this process with `dir` as `.`; returns its exit code and stdout. */
async function runWasi(bytes: Uint8Array<ArrayBuffer>, dir: string): Promise<{ code: number; stdout: string }> {
  const out = await mkdtemp(join(tmpdir(), 'wb-rewrite-'));
  const file = join(out, 'stdout');
  const fd = openSync(file, 'w');
  try {
    const wasi = new WASI({
      version: 'preview1',
      args: ['m'],
      env: {},
      preopens: { '.': dir },
      stdout: fd,
      returnOnExit: true,
    });
    const instance = new WebAssembly.Instance(
      new WebAssembly.Module(bytes),
      wasi.getImportObject() as WebAssembly.Imports,
    );
    const code = wasi.start(instance);
    closeSync(fd);
    return { code, stdout: readFileSync(file, 'utf8') };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

test('the rewritten Sightglass example validates, imports no bench, keeps its answer and reports the region', async () => {
  const original = readFileSync(join(EXAMPLE, 'benchmark.wasm'));
  const rewritten = rewriteBenchMarkers(original, 'benchmark.wasm');
  assert.ok(WebAssembly.validate(rewritten));
  const imports = WebAssembly.Module.imports(new WebAssembly.Module(rewritten));
  assert.deepEqual(
    imports.filter((i) => i.module === 'bench'),
    [],
  );
  assert.ok(imports.every((i) => i.module === 'wasi_snapshot_preview1'));
  const { code, stdout } = await runWasi(rewritten, EXAMPLE);
  assert.equal(code, 0);
  const guest = parseGuestOutput(stdout);
  assert.deepEqual(guest.malformed, []);
  assert.equal(guest.text, readFileSync(join(EXAMPLE, 'benchmark.stdout.expected'), 'utf8'));
  const [start] = guest.values.get('bench_start_ns') ?? [];
  const [end] = guest.values.get('bench_end_ns') ?? [];
  assert.ok(start !== undefined && end !== undefined, `no region in ${JSON.stringify(stdout)}`);
  assert.ok(end > start, `end ${end} <= start ${start}`);
});

test('the markers give the borrowed scratch bytes back: a guest that owns them sees them unchanged', async () => {
  // The guest fills bytes 0..SCRATCH_BYTES+8 with a pattern, calls both markers,
  // and exits 1 (proc_exit) if any byte changed.
  const wat = `(module
    (import "bench" "start" (func $start))
    (import "bench" "end" (func $end))
    (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
    (memory (export "memory") 1)
    (func (export "_start") (local $i i32)
      (loop $fill
        (i32.store8 (local.get $i) (i32.add (local.get $i) (i32.const 7)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $fill (i32.lt_u (local.get $i) (i32.const ${SCRATCH_BYTES + 8}))))
      (call $start)
      (call $end)
      (local.set $i (i32.const 0))
      (loop $check
        (if (i32.ne (i32.load8_u (local.get $i)) (i32.and (i32.add (local.get $i) (i32.const 7)) (i32.const 255)))
          (then (call $exit (i32.const 1))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $check (i32.lt_u (local.get $i) (i32.const ${SCRATCH_BYTES + 8}))))))`;
  const module = binaryen.parseText(wat);
  const bytes = module.emitBinary();
  module.dispose();
  const { code, stdout } = await runWasi(rewriteBenchMarkers(bytes, 'guest.wasm'), tmpdir());
  assert.equal(code, 0, 'the guest saw its scratch bytes changed');
  assert.match(stdout, /^@wb bench_start_ns \d+\n@wb bench_end_ns \d+\n$/);
});

test('a shared memory is refused: another thread could see the borrowed bytes', () => {
  const module = binaryen.parseText(
    '(module (import "bench" "start" (func)) (memory 1 1 shared) (func (export "_start")))',
  );
  module.setFeatures(binaryen.Features.Atomics | binaryen.Features.BulkMemory);
  const bytes = module.emitBinary();
  module.dispose();
  assert.throws(
    () => rewriteBenchMarkers(bytes, 'threads.wasm'),
    /cannot rewrite the bench\.start\/bench\.end markers of threads\.wasm: its memory is shared/,
  );
});
