/**
 * The committed fixtures against their sources: the small ones rebuild to the
 * same bytes, and every committed .wasm prints its expected.stdout under
 * node:wasi. The large sqlite rebuild (about a minute) is left to
 * `npx tsx fixtures/build.ts verify sqlite`.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildNative, verifyFixtures } from '../../fixtures/build.ts';
import { assertValidWasm, loadFixtures, stripProtocolLines } from '../../core/workloads/manifest.ts';
import { runProcess, runWasmUnderNode } from '../../core/workloads/exec.ts';

function hasWasmClang(): boolean {
  try {
    execFileSync(process.env.WASM_CC || 'clang', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const fixtures = await loadFixtures();
const small = fixtures.filter((f) => f.kind !== 'large');

test('there are committed fixtures of every kind', () => {
  const kinds = new Set(fixtures.map((f) => f.kind));
  for (const kind of ['compute', 'large', 'startup'])
    assert.ok(kinds.has(kind as never), `a committed ${kind} fixture`);
});

test('verify: the small fixtures rebuild byte-identical', { timeout: 300_000 }, async (t) => {
  if (!hasWasmClang()) {
    t.skip('clang not found: apt-get install clang lld wasi-libc libclang-rt-14-dev-wasm32');
    return;
  }
  const report = await verifyFixtures(small.map((f) => f.name));
  const problems = report.fixtures.filter((f) => f.status !== 'ok').map((f) => `${f.name}: ${f.status}: ${f.message}`);
  assert.deepEqual(problems, []);
  assert.equal(report.ok, true);
  assert.equal(report.fixtures.length, small.length);
});

test('verify: an unknown fixture name is a usage error listing the valid ones', async () => {
  await assert.rejects(
    verifyFixtures(['no-such-fixture']),
    /unknown fixture\(s\) no-such-fixture; valid fixtures: .*fib/,
  );
});

for (const fixture of fixtures) {
  test(`${fixture.name}.wasm prints expected.stdout under node:wasi`, { timeout: fixture.timeoutMs * 2 }, async () => {
    assertValidWasm(fixture.wasmPath);
    const result = await runWasmUnderNode(fixture.wasmPath, fixture.name, fixture.defaultArgs, fixture.timeoutMs);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(stripProtocolLines(result.stdout), fixture.expectedStdout);
  });
}

test('guest protocol: main entry is reported first, iterations per iteration', async () => {
  const fib = fixtures.find((f) => f.name === 'fib');
  assert.ok(fib);
  const result = await runWasmUnderNode(fib.wasmPath, fib.name, ['10', '3'], fib.timeoutMs);
  const lines = result.stdout.trimEnd().split('\n');
  assert.match(lines[0], /^@wb main_entry_realtime_ns \d+$/);
  assert.equal(lines.filter((l) => /^@wb iter_ns \d+$/.test(l)).length, 3);
  assert.equal(lines.at(-1), 'fib(10) = 55');
});

test('bad guest arguments exit 2 with a message on stderr', async () => {
  const fib = fixtures.find((f) => f.name === 'fib');
  assert.ok(fib);
  const result = await runWasmUnderNode(fib.wasmPath, fib.name, ['x', '3'], fib.timeoutMs);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /invalid N "x"/);
});

test('noop prints nothing at all', async () => {
  const noop = fixtures.find((f) => f.name === 'noop');
  assert.ok(noop);
  assert.equal(noop.expectedStdout, '');
  const wasm = await runWasmUnderNode(noop.wasmPath, noop.name, [], noop.timeoutMs);
  assert.equal(wasm.code, 0);
  assert.equal(wasm.stdout, '');
});

// The native build is the oracle: it must still agree with the committed expected output.
test('native builds of the small fixtures print expected.stdout', { timeout: 300_000 }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'wasmbench-native-'));
  try {
    for (const fixture of small) {
      const exe = join(dir, fixture.name);
      try {
        await buildNative(fixture, exe);
      } catch (err) {
        t.skip(`native build failed (no C compiler?): ${(err as Error).message}`);
        return;
      }
      const result = await runProcess(exe, fixture.defaultArgs, { timeoutMs: fixture.timeoutMs });
      assert.equal(result.code, 0, `${fixture.name}: ${result.stderr}`);
      assert.equal(stripProtocolLines(result.stdout), fixture.expectedStdout, fixture.name);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
