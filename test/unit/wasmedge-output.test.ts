// WasmEdge's own log lines versus the guest's output, and argv that would make
// WasmEdge silently interpret (issue 14).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertTierArgv, inspectWasmedgeOutput, wasmedgeFallbackLine } from '../../runners/wasmedge-output.ts';

const WARN =
  '[2026-12-01 10:00:00.123] [warning] Proposal Exception Handling is not yet supported in WasmEdge AOT/JIT\n';
const INFO = '[2026-12-01 10:00:00.124] [info] compile start\n';

test("log lines leave the guest output; a log line first means the first byte was not the guest's", () => {
  const r = inspectWasmedgeOutput(`${WARN}${INFO}@wb main_entry_realtime_ns 5\nHello, world!\n`, '');
  assert.equal(r.guestStdout, '@wb main_entry_realtime_ns 5\nHello, world!\n');
  assert.equal(r.firstOutputIsGuest, false);
  assert.equal(r.fallback, null, 'a proposal warning is not a fallback');
  const later = inspectWasmedgeOutput(`Hello, world!\n${INFO}`, '');
  assert.equal(later.guestStdout, 'Hello, world!\n');
  assert.equal(later.firstOutputIsGuest, true);
  assert.equal(inspectWasmedgeOutput('', '').firstOutputIsGuest, true);
});

test('a fallback line is found on either stream, coloured or not', () => {
  assert.equal(
    wasmedgeFallbackLine(
      '',
      '\x1b[33m[2026-12-01 10:00:00.000] [warning] AOT section not found, falling back to interpreter\x1b[0m\n',
    ),
    '[2026-12-01 10:00:00.000] [warning] AOT section not found, falling back to interpreter',
  );
  assert.match(
    inspectWasmedgeOutput(
      '[2026-11-21 16:04:07.478] [warning] JIT was requested but WasmEdge was built without LLVM, fallback to interpreter.\n',
      '',
    ).fallback ?? '',
    /fallback to interpreter/,
  );
  assert.equal(wasmedgeFallbackLine('Hello, world!\n', ''), null);
});

test('argv that would interpret is refused before anything is measured', () => {
  assert.throws(() => assertTierArgv('aot', ['--run-mode', 'aot'], '/f/fib.wasm', true), /plain \.wasm/);
  assert.throws(() => assertTierArgv('aot', [], '/c/fib.so', true), /without --run-mode aot is interpreted/);
  assert.throws(
    () => assertTierArgv('optimizing', ['--run-mode', 'jitt'], '/f/fib.wasm', true),
    /--run-mode jitt is not one of interpreter, jit, aot/,
  );
  assert.throws(
    () => assertTierArgv('optimizing', ['--run-mode', 'jit'], '/c/fib.so', true),
    /compiled artifact run as optimizing/,
  );
  assert.doesNotThrow(() => assertTierArgv('aot', ['--run-mode', 'aot'], '/c/fib.so', true));
  assert.doesNotThrow(
    () => assertTierArgv('aot', [], '/c/fib.so', false),
    'older builds without --run-mode pick AOT code by themselves',
  );
  assert.doesNotThrow(() => assertTierArgv('optimizing', ['--run-mode', 'jit'], '/f/fib.wasm', true));
});
