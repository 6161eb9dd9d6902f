import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import binaryen from 'binaryen';
import { UsageError } from '../../core/errors.ts';
import { loadWorkloads } from '../../core/workloads/load.ts';

let base = '';
const COMMAND = (() => {
  const m = binaryen.parseText('(module (memory (export "memory") 1) (func (export "_start")))');
  const bytes = m.emitBinary();
  m.dispose();
  return bytes;
})();

before(async () => {
  base = await mkdtemp(join(tmpdir(), 'wb-load-'));
  await writeFile(join(base, 'app.wasm'), COMMAND);
  await mkdir(join(base, 'other'));
  await writeFile(join(base, 'other', 'app.wasm'), COMMAND);
  await mkdir(join(base, 'corpus', 'zip'), { recursive: true });
  await writeFile(join(base, 'corpus', 'zip', 'benchmark.wasm'), COMMAND);
  await writeFile(join(base, 'corpus', 'zip', 'benchmark.stdout.expected'), 'done\n');
  await mkdir(join(base, 'corpus', 'shootout'));
  await writeFile(join(base, 'corpus', 'shootout', 'shootout-fib.wasm'), COMMAND);
  await writeFile(join(base, 'corpus', 'shootout', 'shootout-bad.wasm'), 'not wasm');
});
after(async () => {
  await rm(base, { recursive: true, force: true });
});

const ctx = () => ({ baseDir: base, timeoutMs: 60_000 });

async function usage(promise: Promise<unknown>): Promise<UsageError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  assert.ok(err instanceof UsageError, `expected a UsageError, got ${String(err)}`);
  return err;
}

test('a single module: name from the file, path as given, defaults', async () => {
  const { workloads, refused } = await loadWorkloads([{ wasm: 'app.wasm', args: ['1'], env: { K: 'v' } }], ctx());
  assert.equal(refused.length, 0);
  const [w] = workloads;
  assert.equal(w.name, 'app');
  assert.equal(w.wasmPathAsGiven, 'app.wasm');
  assert.equal(w.wasmPath, join(base, 'app.wasm'));
  assert.deepEqual(w.args, ['1']);
  assert.equal(w.check, 'ignore');
  assert.equal(w.expectedStdout, null);
});

test('a missing stdin file, a missing dir and a missing cwd', async () => {
  assert.equal(
    (await usage(loadWorkloads([{ wasm: 'app.wasm', stdin: 'in.txt' }], ctx()))).message,
    `workload "app": stdin file ${join(base, 'in.txt')} does not exist`,
  );
  assert.equal(
    (await usage(loadWorkloads([{ wasm: 'app.wasm', dirs: ['data'] }], ctx()))).message,
    `workload "app": preopened dir ${join(base, 'data')} does not exist`,
  );
  assert.equal(
    (await usage(loadWorkloads([{ wasm: 'app.wasm', cwd: 'app.wasm' }], ctx()))).message,
    `workload "app": cwd ${join(base, 'app.wasm')} is not a directory`,
  );
});

test('two workloads with one name name both paths', async () => {
  const err = await usage(loadWorkloads([{ wasm: 'app.wasm' }, { wasm: 'other/app.wasm' }], ctx()));
  assert.equal(
    err.message,
    `two workloads are named "app": ${join(base, 'app.wasm')} and ${join(base, 'other', 'app.wasm')}`,
  );
  const ok = await loadWorkloads([{ wasm: 'app.wasm' }, { wasm: 'other/app.wasm', name: 'app2' }], ctx());
  assert.deepEqual(
    ok.workloads.map((w) => w.name),
    ['app', 'app2'],
  );
});

test('a Sightglass corpus: names, expected output, cwd; a bad module is refused by name', async () => {
  const { workloads, refused } = await loadWorkloads([{ wasm: 'corpus' }], ctx());
  assert.deepEqual(
    workloads.map((w) => w.name),
    ['shootout-fib', 'zip'],
  );
  const zip = workloads[1];
  assert.equal(zip.expectedStdout, 'done\n');
  assert.equal(zip.check, 'exact');
  assert.equal(zip.cwd, join(base, 'corpus', 'zip'));
  assert.equal(zip.wasmPathAsGiven, 'corpus/zip/benchmark.wasm');
  assert.equal(refused.length, 1);
  assert.equal(refused[0].name, 'shootout-bad');
  assert.match(refused[0].reason, /shootout-bad\.wasm is not a WebAssembly binary/);
});

test('an exact check without an expected output is refused', async () => {
  const err = await usage(loadWorkloads([{ wasm: 'app.wasm', check: 'exact' }], ctx()));
  assert.equal(err.message, 'workload "app": check "exact" needs an expected output');
});
