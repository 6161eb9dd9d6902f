// `wasmbench run --wasm` end to end, one run per host kind: the node host
// (embed-node), Wasmtime's Python bindings (embed-python), a CLI runtime
// on PATH (the rewritten Sightglass module), and a native twin from the
// config file. Bad modules exit 2 and leave a previous --out untouched.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import type { CaseResult, ResultsFile } from '../../core/results/model.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/wasmbench.mjs');
const COLLATZ = join(ROOT, 'docs/examples/own-module/collatz.wasm');
const SIGHTGLASS = join(ROOT, 'docs/examples/sightglass');
const QUICK = ['--profile', 'quick', '--iterations', '2', '--warmups', '0', '--no-report'];
// Real runtimes another engineer builds land here; PATH wins.
const PATH = [process.env.PATH ?? '', '/opt/wasm-rt/bin'].join(delimiter);

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wb-workloads-e2e-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

function run(args: string[], env: Record<string, string> = {}, cwd = ROOT) {
  return spawnSync(process.execPath, [BIN, 'run', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, PATH, ...env },
    timeout: 600_000,
  });
}

async function results(out: string): Promise<CaseResult[]> {
  return (JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as ResultsFile).cases;
}

function median(c: CaseResult, metric: string): number {
  const summary = c.metrics[metric]?.summary;
  assert.ok(summary, `${c.id} has no ${metric}`);
  return summary.median;
}

test('embed-node: a hand-built module on node; native is skipped with its reason; provenance recorded', {
  timeout: 600_000,
}, async () => {
  const out = join(dir, 'node');
  const r = run(['--wasm', COLLATZ, '--runtime', 'node,native', '--out', out, ...QUICK, '--', '20000']);
  assert.equal(r.status, 0, r.stderr);
  const cases = await results(out);
  const node = cases.filter((c) => c.runtime === 'node');
  assert.deepEqual(node.map((c) => `${c.mode}:${c.status}`).sort(), ['baseline:ok', 'optimizing:ok', 'tiered:ok']);
  for (const c of node)
    for (const m of ['wallNs', 'mainEntryNs', 'compileNs', 'instantiateNs', 'executeNs'])
      assert.ok(median(c, m) > 0, `${c.id} ${m}`);
  const native = cases.find((c) => c.runtime === 'native');
  assert.equal(native?.status, 'skipped');
  assert.match(native?.reason ?? '', /native cannot run collatz: the workload gives no native\.command/);
  const w = node[0].workload;
  assert.equal(w?.wasmPath, COLLATZ);
  assert.deepEqual(w?.args, ['20000']);
  assert.match(w?.sha256 ?? '', /^[0-9a-f]{64}$/);
  assert.equal(w?.wasmBytes, (await stat(COLLATZ)).size);
});

test('embed-node and a CLI runtime: the Sightglass directory reports benchNs below wallNs, expected output checked', {
  timeout: 600_000,
}, async (t) => {
  const cli = ['wasm3', 'wazero', 'iwasm', 'wasmtime', 'wasmedge', 'wasmer'].find(
    (id) => spawnSync('which', [id], { env: { PATH } }).status === 0,
  );
  const out = join(dir, 'sightglass');
  const r = run(
    [
      '--wasm',
      SIGHTGLASS,
      '--runtime',
      cli ? `node,${cli}` : 'node',
      '--mode',
      'interpreter,baseline,optimizing',
      '--out',
      out,
      ...QUICK,
    ],
    { WASMBENCH_WASMTIME_HOST: 'cli' },
  );
  assert.equal(r.status, 0, r.stderr);
  const ok = (await results(out)).filter((c) => c.status === 'ok');
  assert.ok(ok.some((c) => c.runtime === 'node'));
  // node's liftoff and turbofan are crossed on the measured region, not on iterations.
  const file = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as ResultsFile;
  const crossover = file.analyses.find((a) => a.kind === 'crossover' && a.runtime === 'node');
  assert.equal(crossover?.kind === 'crossover' && crossover.metric, 'benchNs');
  for (const c of ok) {
    assert.equal(c.fixture, 'checksum');
    assert.equal(c.workload?.check, 'exact');
    assert.ok(
      median(c, 'benchNs') > 0 && median(c, 'benchNs') < median(c, 'wallNs'),
      `${c.id}: benchNs must lie inside wallNs`,
    );
  }
  if (!cli) return t.skip('no CLI runtime on PATH or in /opt/wasm-rt/bin: the rewrite path was not run');
  const rewritten = ok.filter((c) => c.runtime === cli);
  assert.ok(rewritten.length > 0, `no ok ${cli} case`);
  for (const c of rewritten) assert.match(c.workload?.rewritten?.method ?? '', /^binaryen/);
});

test("embed-python: the Sightglass directory on Wasmtime's Python bindings", { timeout: 600_000 }, async (t) => {
  if (spawnSync('python3', ['-c', 'import wasmtime']).status !== 0) return t.skip('pip install wasmtime');
  const out = join(dir, 'python');
  const r = run(
    [
      '--wasm',
      SIGHTGLASS,
      '--runtime',
      'wasmtime',
      '--mode',
      'optimizing',
      '--cache-state',
      'cold',
      '--out',
      out,
      ...QUICK,
    ],
    { WASMBENCH_WASMTIME_HOST: 'embed-python' },
  );
  assert.equal(r.status, 0, r.stderr);
  const [c] = (await results(out)).filter((x) => x.status === 'ok');
  assert.equal(c.host, 'embed-python');
  assert.ok(median(c, 'benchNs') < median(c, 'wallNs'));
  assert.equal(c.workload?.rewritten, undefined);
});

test('native: a workload from bench.config.ts with a native.command twin', { timeout: 600_000 }, async (t) => {
  const cc = ['cc', 'gcc', 'clang'].find((name) => spawnSync('which', [name]).status === 0);
  if (!cc) return t.skip('no C compiler');
  const binary = join(dir, 'collatz-native');
  const built = spawnSync(cc, ['-O2', '-o', binary, join(ROOT, 'docs/examples/own-module/collatz.c')], {
    encoding: 'utf8',
  });
  assert.equal(built.status, 0, built.stderr);
  await writeFile(
    join(dir, 'bench.config.ts'),
    `export default {
    workloads: [{ wasm: ${JSON.stringify(COLLATZ)}, name: 'collatz20k', args: ['20000'], env: { SECRET: 'do-not-record' },
      expectedStdout: 'longest chain below 20000 starts at 17647 \\\\(\\\\d+ steps\\\\)\\n', check: 'regex',
      native: { command: ['./collatz-native'] } }],
  };\n`,
  );
  const out = join(dir, 'native-out');
  const r = run(['--runtime', 'native', '--out', out, ...QUICK], {}, dir);
  assert.equal(r.status, 0, r.stderr);
  const [c] = await results(out);
  assert.equal(c.status, 'ok', c.reason);
  assert.equal(c.fixture, 'collatz20k');
  assert.deepEqual(c.workload?.envNames, ['SECRET']);
  assert.ok(!JSON.stringify(c).includes('do-not-record'), 'an env value was written to the results');
  assert.deepEqual(c.workload?.native?.command, [binary]);
});

test('each bad module exits 2 with its own error, and a previous --out is untouched', {
  timeout: 600_000,
}, async () => {
  const out = join(dir, 'kept');
  assert.equal(
    run(['--wasm', COLLATZ, '--runtime', 'node', '--mode', 'tiered', '--out', out, ...QUICK, '--', '2000']).status,
    0,
  );
  const before = await readFile(join(out, 'results.json'), 'utf8');
  const bad: [string, string | Uint8Array, RegExp][] = [
    ['text.wasm', '(module)', /not a WebAssembly binary .*looks like WebAssembly text/],
    [
      'component.wasm',
      new Uint8Array([0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0]),
      /is a WebAssembly component, not a core module/,
    ],
    ['cut.wasm', (await readFile(COLLATZ)).subarray(0, 5000), /is not a valid WebAssembly module: /],
  ];
  for (const [name, bytes, message] of bad) {
    await writeFile(join(dir, name), bytes);
    const r = run(['--wasm', join(dir, name), '--runtime', 'node', '--out', out, '--force', ...QUICK]);
    assert.equal(r.status, 2, `${name}: ${r.stderr}`);
    assert.match(r.stderr, message);
  }
  const missing = run(['--wasm', join(dir, 'nope.wasm'), '--runtime', 'node', '--out', out, '--force', ...QUICK]);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /nope\.wasm: no such file/);
  assert.equal(await readFile(join(out, 'results.json'), 'utf8'), before);
  assert.ok(!existsSync(join(dir, 'nope.wasm')));
});
