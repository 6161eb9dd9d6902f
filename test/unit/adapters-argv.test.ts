// argv construction and tier selection for the wasmer, wasmedge, wasm3, iwasm
// and wazero adapters. Help-text excerpts are copied from real binaries
// where marked "seen".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { helpHasFlag, describeFailure } from '../../runners/cli/probe.ts';
import { parseSemver } from '../../runners/cli/version.ts';
import { wasm3RunArgv } from '../../runners/wasm3.ts';
import { iwasmInterpreterName, iwasmRunArgv, iwasmTiersFromHelp, wamrcArgv } from '../../runners/iwasm.ts';
import {
  wazeroCacheDir,
  wazeroCompileArgv,
  wazeroCompiledTiers,
  wazeroCompilesOn,
  wazeroRunArgv,
} from '../../runners/wazero.ts';
import {
  wasmerCompileArgv,
  wasmerDirFlags,
  wasmerEnv,
  wasmerRunArgv,
  wasmerTierCandidates,
} from '../../runners/wasmer.ts';
import {
  stripLogPrefix,
  wasmedgeAotRunFlags,
  wasmedgeCompileArgv,
  wasmedgeFallback,
  wasmedgeInterpreterFlags,
  wasmedgeJitFlags,
  wasmedgeRunArgv,
} from '../../runners/wasmedge.ts';

const IWASM_DEFAULT_HELP = `Usage: iwasm [-options] wasm_file [args...]
options:
  -f|--function name       Specify a function name of the module to run rather
  --interp                 Run the wasm app with interpreter mode
  --stack-size=n           Set maximum stack size in bytes, default is 64 KB
  --dir=<dir>              Grant wasi access to the given host directories
`;
const IWASM_FAST_JIT_HELP = `${IWASM_DEFAULT_HELP}  --fast-jit               Run the wasm app with fast jit mode
  --jit-codecache-size=n   Set fast jit maximum code cache size in bytes,
`;
const WAZERO_16_RUN_HELP = `Usage of run:
  -cachedir string
    \tWriteable directory for native code compiled from wasm. Contents are re-used for the same version of wazero.
  -interpreter
    \tInterprets WebAssembly modules instead of compiling them into native code.
  -mount value
    \tFilesystem path to expose to the binary in the form of <path>[:<wasm path>][:ro].
  -optimizing-compiler
    \t[Experimental] Compiles WebAssembly modules using the optimizing compiler.
`;

test('helpHasFlag matches whole flags only', () => {
  assert.ok(helpHasFlag(IWASM_FAST_JIT_HELP, '--fast-jit'));
  assert.ok(!helpHasFlag(IWASM_DEFAULT_HELP, '--fast-jit'));
  assert.ok(!helpHasFlag('  --fast-jit-dump   dump', '--fast-jit'), 'a longer flag is not the flag');
  assert.ok(helpHasFlag(WAZERO_16_RUN_HELP, '-interpreter'));
  assert.ok(!helpHasFlag(WAZERO_16_RUN_HELP, '-interp'));
});

test('describeFailure names a Go panic, not its stack (seen: wazero -optimizing-compiler on amd64)', () => {
  const stderr =
    'panic: UseOptimizingCompiler is only supported on arm64\n\ngoroutine 1 [running]:\nmain.main()\n\t/src/cmd/wazero/wazero.go:34 +0x35\n';
  const why = describeFailure({ ok: false, code: 2, signal: null, stdout: '', stderr, timedOut: false });
  assert.equal(why, 'exit code 2: panic: UseOptimizingCompiler is only supported on arm64');
  assert.equal(
    describeFailure({ ok: false, code: null, signal: 'SIGSEGV', stdout: '', stderr: '', timedOut: false }),
    'killed by SIGSEGV',
  );
  assert.match(
    describeFailure({ ok: false, code: null, signal: 'SIGKILL', stdout: '', stderr: '', timedOut: true }, 500),
    /no answer within 500 ms/,
  );
  assert.match(
    describeFailure({
      ok: false,
      code: null,
      signal: null,
      stdout: '',
      stderr: '',
      timedOut: false,
      spawnError: 'EACCES: permission denied',
    }),
    /could not start: EACCES/,
  );
});

test('wasm3: module then guest args, no flags', () => {
  assert.deepEqual(wasm3RunArgv('/b/wasm3', '/f/fib.wasm', ['27', '5']), ['/b/wasm3', '/f/fib.wasm', '27', '5']);
});

test('iwasm: tiers from the usage text (seen: default and fast-jit builds)', () => {
  const byName = (help: string) => iwasmTiersFromHelp(help).map((t) => `${t.tier.mode}:${t.flags.join(' ')}`);
  assert.deepEqual(byName(IWASM_DEFAULT_HELP), ['interpreter:--interp']);
  assert.deepEqual(byName(IWASM_FAST_JIT_HELP), ['interpreter:--interp', 'baseline:--fast-jit']);
  assert.deepEqual(
    byName(
      `${IWASM_FAST_JIT_HELP}  --llvm-jit   Run the wasm app with llvm jit mode\n  --multi-tier-jit   Run the wasm app with multi-tier jit mode\n`,
    ),
    ['interpreter:--interp', 'baseline:--fast-jit', 'optimizing:--llvm-jit', 'tiered:--multi-tier-jit'],
  );
  assert.deepEqual(
    byName('Usage: iwasm [-options] wasm_file [args...]\n'),
    ['interpreter:'],
    'a build without tier flags is interpreter-only, run without a flag',
  );
});

test('iwasm: the interpreter is named for what the build has (seen: 2.4.5 default build lists --interp and runs fast-interp)', () => {
  const interpName = (help: string) => iwasmTiersFromHelp(help)[0].tier.modeName;
  assert.equal(interpName(IWASM_DEFAULT_HELP), 'fast-interp', 'no JIT: the product-mini default fast interpreter');
  assert.equal(interpName(IWASM_FAST_JIT_HELP), 'classic-interp', 'any JIT forces the classic interpreter');
  assert.equal(
    interpName(`${IWASM_DEFAULT_HELP}  --llvm-jit   Run the wasm app with llvm jit mode\n`),
    'classic-interp',
  );
  assert.equal(interpName('Usage: iwasm [-options] wasm_file [args...]\n'), 'fast-interp');
  assert.equal(iwasmInterpreterName(IWASM_FAST_JIT_HELP), 'classic-interp');
});

test('iwasm: flags before the module, --dir with "="; wamrc -o out in', () => {
  assert.deepEqual(iwasmRunArgv('/b/iwasm', ['--fast-jit'], '/f/fib.wasm', ['27']), [
    '/b/iwasm',
    '--fast-jit',
    '--dir=.',
    '/f/fib.wasm',
    '27',
  ]);
  assert.deepEqual(iwasmRunArgv('/b/iwasm', [], '/c/fib.aot', []), ['/b/iwasm', '--dir=.', '/c/fib.aot']);
  assert.deepEqual(wamrcArgv('/b/wamrc', '/f/fib.wasm', '/c/fib.aot'), ['/b/wamrc', '-o', '/c/fib.aot', '/f/fib.wasm']);
});

test('wazero: v1.6 has -optimizing-compiler, so its default compiler is the baseline (seen)', () => {
  assert.deepEqual(
    wazeroCompiledTiers(WAZERO_16_RUN_HELP).map((t) => [t.mode, t.flags.join(' ')]),
    [
      ['baseline', ''],
      ['optimizing', '-optimizing-compiler'],
    ],
  );
  assert.deepEqual(
    wazeroCompiledTiers('Usage of run:\n  -interpreter\n').map((t) => [t.mode, t.flags.join(' ')]),
    [['optimizing', '']],
  );
  assert.ok(wazeroCompilesOn('x64') && wazeroCompilesOn('arm64') && !wazeroCompilesOn('riscv64'));
});

test('wazero: Go-style flags before the module; cachedir only for warm and precompiled', () => {
  assert.equal(wazeroCacheDir('/w', 'cold'), null);
  assert.equal(wazeroCacheDir('/w', 'warm'), '/w/wazero-cache');
  assert.equal(wazeroCacheDir('/w', 'precompiled'), '/w/wazero-precompiled');
  assert.deepEqual(wazeroRunArgv('/b/wazero', ['-interpreter'], null, '/f/a.wasm', ['1']), [
    '/b/wazero',
    'run',
    '-interpreter',
    '-mount=.:.',
    '/f/a.wasm',
    '1',
  ]);
  assert.deepEqual(wazeroRunArgv('/b/wazero', [], '/w/c', '/f/a.wasm', []), [
    '/b/wazero',
    'run',
    '-cachedir=/w/c',
    '-mount=.:.',
    '/f/a.wasm',
  ]);
  assert.deepEqual(wazeroCompileArgv('/b/wazero', [], '/w/c', '/f/a.wasm'), [
    '/b/wazero',
    'compile',
    '-cachedir=/w/c',
    '/f/a.wasm',
  ]);
});

test('wasmer: tiers from -vV backends; cranelift before llvm unless asked', () => {
  const tiers = (b: string[] | null, llvm = false) => wasmerTierCandidates(b, llvm).map((t) => `${t.mode}:${t.flag}`);
  assert.deepEqual(tiers(['singlepass', 'cranelift', 'llvm']), [
    'baseline:--singlepass',
    'optimizing:--cranelift',
    'optimizing:--llvm',
  ]);
  assert.deepEqual(tiers(['singlepass', 'cranelift', 'llvm'], true), [
    'baseline:--singlepass',
    'optimizing:--llvm',
    'optimizing:--cranelift',
  ]);
  assert.deepEqual(tiers(['cranelift', 'wasmi']), ['optimizing:--cranelift', 'interpreter:--wasmi']);
  assert.deepEqual(
    tiers(null),
    ['baseline:--singlepass', 'optimizing:--cranelift', 'optimizing:--llvm'],
    'no backend list: try the compilers',
  );
  const interp = wasmerTierCandidates(['wamr'])[0];
  assert.deepEqual(interp.cacheStates, ['cold'], 'an interpreter has no compilation cache');
});

test('wasmer: --dir before 7.0, --volume from 7.0; guest args after --', () => {
  assert.deepEqual(wasmerDirFlags(parseSemver('6.0.1')), ['--dir=.']);
  assert.deepEqual(wasmerDirFlags(parseSemver('7.0.0')), ['--volume=.']);
  assert.deepEqual(wasmerRunArgv('/b/wasmer', parseSemver('4.2.5'), '--singlepass', '/f/fib.wasm', ['27', '5']), [
    '/b/wasmer',
    'run',
    '--singlepass',
    '--dir=.',
    '/f/fib.wasm',
    '--',
    '27',
    '5',
  ]);
  assert.deepEqual(wasmerCompileArgv('/b/wasmer', '--llvm', '/f/a.wasm', '/c/a.wasmu'), [
    '/b/wasmer',
    'compile',
    '--llvm',
    '/f/a.wasm',
    '-o',
    '/c/a.wasmu',
  ]);
  assert.deepEqual(wasmerEnv({ PATH: '/bin' }, '/w'), {
    PATH: '/bin',
    WASMER_DIR: '/w/wasmer-home',
    WASMER_CACHE_DIR: '/w/wasmer-cache',
  });
});

// Seen (WasmEdge 0.17.0-330 git): every flag is wrapped in ANSI colour codes.
const WASMEDGE_HELP =
  '\x1b[33m--enable-jit\x1b[0m\n\t\tEnable Just-In-Time compiler for running WASM\n\x1b[33m--force-interpreter\x1b[0m\n\t\tForcibly run WASM in interpreter mode.\n' +
  '\x1b[33m--run-mode\x1b[0m\n\t\tSet execution mode. Valid values: interpreter, jit, aot, lazyjit. Default is\n\t\tinterpreter.\n';

test('wasmedge: tier flags from the coloured --help (seen); --run-mode preferred over deprecated --enable-jit', () => {
  assert.deepEqual(wasmedgeInterpreterFlags(WASMEDGE_HELP), ['--run-mode', 'interpreter']);
  assert.deepEqual(wasmedgeJitFlags(WASMEDGE_HELP), ['--run-mode', 'jit']);
  assert.deepEqual(wasmedgeAotRunFlags(WASMEDGE_HELP), ['--run-mode', 'aot']);
  assert.deepEqual(wasmedgeInterpreterFlags('  --force-interpreter  Forcibly run'), ['--force-interpreter']);
  assert.deepEqual(wasmedgeInterpreterFlags('  --dir  preopen'), []);
  const seen =
    '[2026-11-21 16:04:07.478] [warning] JIT was requested but WasmEdge was built without LLVM, falling back to interpreter.\n';
  assert.equal(
    stripLogPrefix(wasmedgeFallback(seen) ?? ''),
    'JIT was requested but WasmEdge was built without LLVM, falling back to interpreter.',
  );
  assert.equal(wasmedgeFallback('@wb main_entry_realtime_ns 1\nHello, world!\n'), null);
});

test('wasmedge: jit and aot flags from --help; --dir GUEST:HOST', () => {
  assert.deepEqual(wasmedgeJitFlags('  --enable-jit    Enable Just-In-Time compiler'), ['--enable-jit']);
  assert.deepEqual(wasmedgeJitFlags('  --run-mode    Run mode: interpreter, jit, aot'), ['--run-mode', 'jit']);
  assert.equal(wasmedgeJitFlags('  --force-interpreter   Forcibly run in interpreter mode'), null);
  assert.deepEqual(wasmedgeAotRunFlags('  --run-mode    Run mode: interpreter, jit, aot'), ['--run-mode', 'aot']);
  assert.deepEqual(wasmedgeAotRunFlags('  --force-interpreter'), []);
  assert.deepEqual(wasmedgeRunArgv('/b/wasmedge', ['--enable-jit'], '/f/a.wasm', ['1']), [
    '/b/wasmedge',
    '--enable-jit',
    '--dir',
    '.:.',
    '/f/a.wasm',
    '1',
  ]);
  assert.deepEqual(wasmedgeCompileArgv('/b/wasmedge', '/f/a.wasm', '/c/a.so'), [
    '/b/wasmedge',
    'compile',
    '/f/a.wasm',
    '/c/a.so',
  ]);
});
