// Version parsing for the wasmer, wasmedge, wasm3, iwasm and wazero adapters,
// from each runtime's real output format (RUNTIME-CLIS.md, and the binaries
// built on this machine where marked "seen").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { atLeast, parseSemver } from '../../runners/cli/version.ts';
import { parseWasm3Version } from '../../runners/wasm3.ts';
import { parseWamrVersion } from '../../runners/iwasm.ts';
import { parseWazeroVersion } from '../../runners/wazero.ts';
import { parseWasmerBackends, parseWasmerVersion } from '../../runners/wasmer.ts';
import { parseWasmedgeVersion } from '../../runners/wasmedge.ts';

test('parseSemver finds X.Y.Z with an optional v and suffix', () => {
  assert.deepEqual(parseSemver('Wasm3 v0.9.0 on x86_64'), { major: 0, minor: 9, patch: 0, text: '0.9.0' });
  assert.equal(parseSemver('version 0.17.0-330-gd516c5d66')?.text, '0.17.0-330-gd516c5d66');
  assert.equal(parseSemver('no digits here'), null);
  assert.equal(parseSemver('x86_64'), null);
  const v = parseSemver('7.0.1')!;
  assert.ok(atLeast(v, 7) && atLeast(v, 6, 9) && !atLeast(v, 7, 1));
});

test('wasm3: "Wasm3 v0.9.0 on x86_64" then a Build line (seen)', () => {
  assert.equal(parseWasm3Version('Wasm3 v0.9.0 on x86_64\nBuild: Nov 21 2026 15:12:28, GCC 12.2.0\n'), '0.9.0');
  assert.equal(
    parseWasm3Version('Build: Nov 21 2026, GCC 12.2.0\n'),
    null,
    'a line that does not name Wasm3 is not a version',
  );
  assert.equal(parseWasm3Version('Segmentation fault'), null);
});

test('iwasm / wamrc: "iwasm 2.4.3" then the proposals list (seen)', () => {
  const iwasm =
    'iwasm 2.4.3\n\nAbout Wasm Proposals:\n  Always-on:\n    - Multi-value\n  Compilation Configurable. 0 is OFF. 1 is ON:\n    - Bulk Memory Operation via WASM_ENABLE_BULK_MEMORY: 1\n';
  assert.equal(parseWamrVersion(iwasm, 'iwasm'), '2.4.3');
  assert.equal(parseWamrVersion('wamrc 2.4.3\n', 'wamrc'), '2.4.3');
  assert.equal(parseWamrVersion('wamrc 2.4.3\n', 'iwasm'), null, 'the tool name must match');
  assert.equal(parseWamrVersion('Usage: iwasm [-options] wasm_file [args...]', 'iwasm'), null);
});

test('wazero: a `version` subcommand printing v1.6.0, or dev for local builds (seen)', () => {
  assert.equal(parseWazeroVersion('v1.6.0\n'), '1.6.0');
  assert.equal(parseWazeroVersion('dev\n'), 'dev');
  assert.equal(parseWazeroVersion('flag provided but not defined: -version\nUsage of wazero:'), null);
});

test('wasmer: "wasmer 6.0.1", git builds add hash and date; -vV lists backends', () => {
  assert.equal(parseWasmerVersion('wasmer 6.0.1\n'), '6.0.1');
  assert.equal(parseWasmerVersion('wasmer 4.2.5 (a1b2c3d 2024-01-02)\nbinary: wasmer-cli\n'), '4.2.5');
  assert.equal(parseWasmerVersion('wasmer-cli 2.3.0\n'), '2.3.0');
  assert.equal(parseWasmerVersion('error: unknown flag'), null);
  const v4 =
    'wasmer 4.2.5 (a1b2c3d 2024-01-02)\nbinary: wasmer-cli\ncommit-hash: a1b2c3d\ncommit-date: 2024-01-02\nhost: x86_64-unknown-linux-gnu\ncompiler: singlepass,cranelift,llvm\n';
  assert.deepEqual(parseWasmerBackends(v4), ['singlepass', 'cranelift', 'llvm']);
  const v6 =
    'wasmer 6.0.1 (c0ffee1 2025-05-01)\nbinary: wasmer-cli\nhost: x86_64-unknown-linux-gnu\nruntimes: singlepass, cranelift, llvm, wamr, wasmi, v8\n';
  assert.deepEqual(parseWasmerBackends(v6), ['singlepass', 'cranelift', 'llvm', 'wamr', 'wasmi', 'v8']);
  assert.equal(parseWasmerBackends('wasmer 6.0.1\n'), null);
});

test('wasmedge: the first word is the invoked path (seen); plugin lines are skipped', () => {
  const out = '/root/.wasmedge/bin/wasmedge version 0.17.0-330-gd516c5d66\n (plugin "wasi_logging") version 0.1.0.0\n';
  assert.equal(parseWasmedgeVersion(out), '0.17.0-330-gd516c5d66');
  assert.equal(parseWasmedgeVersion('wasmedge version 0.13.5\n'), '0.13.5');
  assert.equal(
    parseWasmedgeVersion(
      '/opt/wasmedge/bin/wasmedge version 0.0.0-unreleased\n (plugin "wasi_logging") version 0.1.0.0\n',
    ),
    '0.0.0-unreleased',
    'seen: a build from a source archive',
  );
  assert.equal(
    parseWasmedgeVersion(' (plugin "wasi_logging") version 0.1.0.0\n'),
    null,
    'a plugin version is not the runtime version',
  );
  assert.equal(parseWasmedgeVersion('Illegal instruction'), null);
});
