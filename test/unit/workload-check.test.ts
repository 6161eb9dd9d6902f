import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import binaryen from 'binaryen';
import { UsageError } from '../../core/errors.ts';
import { checkModule } from '../../core/workloads/check.ts';

function wat(text: string): Uint8Array {
  const module = binaryen.parseText(text);
  try {
    return module.emitBinary();
  } finally {
    module.dispose();
  }
}

const COMMAND = '(module (func (export "_start")))';
let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wb-check-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, bytes: Uint8Array | string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

async function refused(path: string): Promise<UsageError> {
  const err = await checkModule(path).then(
    () => null,
    (e: unknown) => e,
  );
  assert.ok(err instanceof UsageError, `expected a UsageError, got ${String(err)}`);
  assert.equal(err.exitCode, 2);
  return err;
}

test('a WASI command passes and reports its hash, size and bench markers', async () => {
  const path = await file(
    'ok.wasm',
    wat(
      '(module (import "bench" "start" (func)) (import "wasi_snapshot_preview1" "proc_exit" (func (param i32))) (func (export "_start")))',
    ),
  );
  const facts = await checkModule(path);
  assert.equal(facts.benchMarkers, true);
  assert.match(facts.sha256, /^[0-9a-f]{64}$/);
  assert.ok(facts.bytes > 8);
  assert.equal((await checkModule(await file('plain.wasm', wat(COMMAND)))).benchMarkers, false);
});

test('a missing file and a directory', async () => {
  const missing = join(dir, 'nope.wasm');
  assert.equal((await refused(missing)).message, `${missing}: no such file`);
  await mkdir(join(dir, 'sub.wasm'));
  const err = await refused(join(dir, 'sub.wasm'));
  assert.equal(err.message, `${join(dir, 'sub.wasm')} is not a file`);
  assert.equal(err.hint, 'give a .wasm file, or a directory of them (a corpus)');
});

test('not WebAssembly: bad magic, text format, bad version', async () => {
  const elf = await file('elf.wasm', new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]));
  assert.equal(
    (await refused(elf)).message,
    `${elf} is not a WebAssembly binary (it does not start with the \\0asm magic)`,
  );
  const text = await file('text.wasm', COMMAND);
  const err = await refused(text);
  assert.equal(
    err.message,
    `${text} is not a WebAssembly binary (it does not start with the \\0asm magic; it looks like WebAssembly text)`,
  );
  assert.match(err.hint!, /wat2wasm/);
  const v2 = await file('v2.wasm', new Uint8Array([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0]));
  assert.equal(
    (await refused(v2)).message,
    `${v2} has WebAssembly binary version 02 00 00 00; only version 1 core modules (01 00 00 00) are supported`,
  );
});

test('truncated and invalid modules show the validator message', async () => {
  const short = await file('short.wasm', new Uint8Array([0, 0x61, 0x73, 0x6d, 1]));
  assert.equal(
    (await refused(short)).message,
    `${short} is truncated: 5 bytes, shorter than the 8-byte WebAssembly header`,
  );
  const whole = wat(COMMAND);
  const cut = await file('cut.wasm', whole.subarray(0, whole.length - 3));
  assert.match((await refused(cut)).message, new RegExp(`^${cut} is not a valid WebAssembly module: .+@\\+\\d+$`));
});

test('a component is refused, naming the runtime that runs components', async () => {
  const path = await file('component.wasm', new Uint8Array([0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0]));
  const err = await refused(path);
  assert.equal(err.message, `${path} is a WebAssembly component, not a core module; components are not supported yet`);
  assert.match(err.hint!, /only wasmtime runs components/);
});

test('a reactor and a library have no _start', async () => {
  const reactor = await file('reactor.wasm', wat('(module (func (export "_initialize")) (func (export "add")))'));
  const err = await refused(reactor);
  assert.equal(
    err.message,
    `${reactor} exports no _start function: it is a reactor (it exports _initialize), not a WASI command (exports: _initialize, add)`,
  );
  assert.match(err.hint!, /WASI command with a main\(\)/);
  const lib = await file('lib.wasm', wat('(module (memory (export "memory") 1))'));
  assert.equal(
    (await refused(lib)).message,
    `${lib} exports no _start function: it is a library, not a WASI command (exports: no functions)`,
  );
});

test('imports no runtime provides are listed, with wasi:http pointing at wasmtime serve', async () => {
  const path = await file(
    'imports.wasm',
    wat(`(module
    (import "env" "now" (func (result i64)))
    (import "wasi:http/outgoing-handler@0.2.0" "handle" (func (param i32) (result i32)))
    (import "bench" "other" (func))
    (import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32 i32) (result i32)))
    (func (export "_start")))`),
  );
  const err = await refused(path);
  assert.equal(
    err.message,
    `${path} imports what the runtimes cannot provide: env.now (function), wasi:http/outgoing-handler@0.2.0.handle (function), bench.other (function)`,
  );
  assert.match(err.hint!, /needs `wasmtime serve`/);
  assert.match(err.hint!, /only wasi_snapshot_preview1\.\* and bench\.start \/ bench\.end/);
});
