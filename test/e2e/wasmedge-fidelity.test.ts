// WasmEdge fidelity through `wasmbench run` (issue 14), against a stand-in
// wasmedge that behaves as 0.17.1 was seen to: spdlog lines on STDOUT
// (`[warning] Proposal ... not yet supported in WasmEdge AOT/JIT`, `[info]
// compile start`), `--log-level` to silence them, and a fallback to the
// interpreter. The guest really runs (through Node's WASI host), so the
// output check is the real one. Two rules are proven:
//   1. only guest output reaches the output check and firstOutputNs;
//   2. a fallback to the interpreter is an error, never a JIT/AOT figure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CaseResult, ResultsFile } from '../../core/results/model.ts';

const BIN = fileURLToPath(new URL('../../bin/wasmbench.mjs', import.meta.url));
const HOST = fileURLToPath(new URL('../../runners/hosts/node-wasi-host.mjs', import.meta.url));

// FAKE_NO_LOG_LEVEL=1: a build without --log-level. FAKE_FALLBACK_FROM=N: from
// the Nth JIT run of a real fixture on (the tier probes run noop.wasm), JIT
// warns and falls back to the interpreter, as a build that fails to compile.
const FAKE = `#!/bin/sh
case "$1" in
  --version) echo "$0 version 0.17.1"; echo ' (plugin "wasi_logging") version 0.1.0.0'; exit 0;;
  --help) echo "  --run-mode  interpreter|jit|aot"; [ -n "$FAKE_NO_LOG_LEVEL" ] || echo "  --log-level  trace|debug|info|warn|error|critical|off"; echo "  --dir"; exit 0;;
  compile) echo "[2026-12-01 10:00:00.000] [info] compile start"; cp "$2" "$3"; exit 0;;
esac
level=info; mode=interpreter
while :; do
  case "$1" in
    --log-level) [ -n "$FAKE_NO_LOG_LEVEL" ] && { echo "unknown option --log-level" >&2; exit 1; }; level=$2; shift 2;;
    --run-mode) mode=$2; shift 2;;
    --dir) shift 2;;
    *) break;;
  esac
done
module=$1; shift
log() { [ "$level" = error ] || [ "$level" = off ] || echo "[2026-12-01 10:00:00.000] [$1] $2"; }
case "$mode" in
  jit)
    log warning "Proposal Exception Handling is not yet supported in WasmEdge AOT/JIT"
    log info "compile start"
    case "$module" in *noop.wasm) ;; *)
      if [ -n "$FAKE_FALLBACK_FROM" ]; then
        n=$(( $(cat "$FAKE_COUNTER" 2>/dev/null || echo 0) + 1 )); echo $n > "$FAKE_COUNTER"
        [ $n -ge "$FAKE_FALLBACK_FROM" ] && log warning "JIT compilation failed, falling back to interpreter"
      fi;;
    esac;;
  aot) case "$module" in *.wasm) log warning "AOT section not found, falling back to interpreter";; esac;;
esac
exec "${process.execPath}" --no-warnings "${HOST}" "$module" "$@"
`;

async function runWithFake(env: Record<string, string>): Promise<{ file: ResultsFile; stderr: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'wasmbench-fake-wasmedge-'));
  try {
    const fake = join(dir, 'wasmedge');
    await writeFile(fake, FAKE);
    await chmod(fake, 0o755);
    const out = join(dir, 'out');
    const r = spawnSync(
      process.execPath,
      [
        BIN,
        'run',
        '--runtime',
        'wasmedge',
        '--fixture',
        'hello',
        '--iterations',
        '3',
        '--warmups',
        '0',
        '--out',
        out,
        '--no-report',
      ],
      {
        encoding: 'utf8',
        timeout: 120_000,
        env: {
          ...process.env,
          CI: 'true',
          WASMBENCH_WASMEDGE: fake,
          FAKE_COUNTER: join(dir, 'count'),
          XDG_CACHE_HOME: join(dir, 'cache'),
          ...env,
        },
      },
    );
    const file = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as ResultsFile;
    return { file, stderr: r.stderr };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function byMode(file: ResultsFile, mode: string): CaseResult {
  const c = file.cases.find((x) => x.runtime === 'wasmedge' && x.mode === mode);
  assert.ok(c, `no wasmedge ${mode} case in ${file.cases.map((x) => x.id).join(', ')}`);
  return c;
}

test('wasmedge logs on stdout: samples run with --log-level error, every tier ok with the guest first byte timed', {
  timeout: 180_000,
}, async () => {
  const { file, stderr } = await runWithFake({});
  for (const mode of ['interpreter', 'optimizing', 'aot']) {
    const c = byMode(file, mode);
    assert.equal(
      c.status,
      'ok',
      `${mode}: ${c.reason ?? ''} ${JSON.stringify(c.errors[0] ?? '')}\n${stderr.slice(-1500)}`,
    );
    assert.ok(
      c.command.includes('--log-level') && c.command[c.command.indexOf('--log-level') + 1] === 'error',
      c.command.join(' '),
    );
    assert.equal(c.metrics.firstOutputNs.samples.length, 3, `${mode}: the first stdout byte is the guest's`);
    assert.equal(c.timing, 'wait4-helper');
    assert.equal(c.timingMode, 'serve', 'the timing method is recorded per case');
    assert.match(c.helperBuildId ?? '', /^[a-z0-9]+-[0-9a-f]{12}$/);
  }
  // precompileNs: the stand-in's `compile` (a copy of the module) timed 3 times by the same timer, with the artifact's size.
  const aot = byMode(file, 'aot');
  const wasmBytes = (await stat(fileURLToPath(new URL('../../fixtures/wasm/hello/hello.wasm', import.meta.url)))).size;
  assert.equal(aot.metrics.precompileNs?.samples.length, 3);
  assert.ok(aot.metrics.precompileNs.samples.every((ns) => ns > 0));
  assert.deepEqual(aot.metrics.artifactBytes?.samples, [wasmBytes, wasmBytes, wasmBytes]);
  assert.equal(
    byMode(file, 'interpreter').metrics.precompileNs,
    undefined,
    'only precompiled cases have a compile to time',
  );
  const payback = file.analyses.find(
    (a) => a.kind === 'compile-payback' && a.question === 'interpreter vs compile-then-run',
  );
  assert.ok(payback, 'a crossover entry that counts the compile exists');
});

test('a build without --log-level: log lines kept out of the output check, firstOutputNs left out when a log line came first', {
  timeout: 180_000,
}, async () => {
  const { file, stderr } = await runWithFake({ FAKE_NO_LOG_LEVEL: '1' });
  const jit = byMode(file, 'optimizing');
  assert.equal(jit.status, 'ok', `${jit.reason ?? ''} ${JSON.stringify(jit.errors[0] ?? '')}\n${stderr.slice(-1500)}`);
  assert.ok(!jit.command.includes('--log-level'));
  assert.equal(
    jit.metrics.firstOutputNs?.samples.length ?? 0,
    0,
    "a log line was the first byte: no firstOutputNs, never the log line's time",
  );
  assert.equal(jit.metrics.wallNs.samples.length, 3);
  const interp = byMode(file, 'interpreter');
  assert.equal(interp.status, 'ok');
  assert.equal(interp.metrics.firstOutputNs.samples.length, 3, "no log line: the guest's first byte is timed");
});

test('a JIT that falls back to the interpreter during prepare() errors the case: never a JIT figure', {
  timeout: 180_000,
}, async () => {
  const { file } = await runWithFake({ FAKE_FALLBACK_FROM: '1' });
  const jit = byMode(file, 'optimizing');
  assert.equal(jit.status, 'errored');
  assert.match(
    jit.reason ?? '',
    /fell back to the interpreter instead of running optimizing: JIT compilation failed, falling back to interpreter/,
  );
  assert.equal(jit.metrics.wallNs?.samples.length ?? 0, 0);
  assert.equal(byMode(file, 'aot').status, 'ok');
});

test("a fallback seen in a sample's own log lines is an errored sample of kind fallback", {
  timeout: 180_000,
}, async () => {
  // No --log-level, so samples show warnings; the first run (prepare's check) is fine, later ones fall back.
  const { file } = await runWithFake({ FAKE_NO_LOG_LEVEL: '1', FAKE_FALLBACK_FROM: '3' });
  const jit = byMode(file, 'optimizing');
  assert.equal(jit.status, 'errored');
  assert.ok(jit.errors.length >= 1);
  assert.ok(
    jit.errors.every((e) => e.kind === 'fallback'),
    JSON.stringify(jit.errors),
  );
  assert.match(jit.errors[0].message, /wasmedge did not run optimizing \(jit\): .*falling back to interpreter/);
  assert.equal(jit.metrics.wallNs.samples.length, 1, 'only the sample taken before the fallback is kept');
});
