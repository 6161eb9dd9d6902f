// Fault: the only requested runtime is broken (fake `wasm3` on PATH) or missing, or a suite plans
// nothing. Each run exits 1 with the reason per runtime; doctor says "broken", not "not installed";
// a probe that hangs is killed with everything it started.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, fakeRuntime, processesWith, scratch, sleep, withPath } from './helpers.ts';

const FAKES = {
  garbage: {
    script: 'echo "fast96094570 garbage"',
    reason: /`wasm3 --version` printed no version we recognise: "fast96094570 garbage"/,
  },
  segfault: { script: 'kill -SEGV $$', reason: /`wasm3 --version` failed \(killed by SIGSEGV\)/ },
  // The hang leaves a grandchild too: the whole group must go, not only the shell.
  hang: { script: 'sleep 4242 &\nsleep 4243', reason: /`wasm3 --version` failed \(no answer within 1500 ms\)/ },
};
const FAST_PROBE = { WASMBENCH_PROBE_TIMEOUT_MS: '1500' };

for (const [name, fake] of Object.entries(FAKES)) {
  test(`a broken wasm3 (${name}) as the only runtime: exit 1, "installed but broken" with the probe's output, in summary.md too`, {
    timeout: 120_000,
  }, () => {
    const out = join(scratch(`broken-${name}`), 'run');
    const r = cli(['run', '--runtime', 'wasm3', '--out', out], {
      ...withPath(fakeRuntime(name, fake.script)),
      ...FAST_PROBE,
    });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /error: nothing was measured:\n {2}- wasm3: installed but broken: /);
    assert.match(r.stderr, fake.reason);
    assert.match(r.stderr, /warning: requested runtime wasm3: installed but broken/);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    assert.equal(results.runtimes[0].problem, 'broken');
    const md = readFileSync(join(out, 'summary.md'), 'utf8');
    assert.match(md, /\*\*Nothing was measured\.\*\*\n\n- `?wasm3: installed but broken: /);
  });
}

test('doctor tells a broken runtime from a missing one', { timeout: 120_000 }, () => {
  const r = cli(['doctor', '--json'], { ...withPath(fakeRuntime('doctor', FAKES.segfault.script)), ...FAST_PROBE });
  assert.equal(r.status, 0, r.stderr);
  const runtimes = JSON.parse(r.stdout).runtimes as {
    id: string;
    available: boolean;
    problem: string | null;
    reason: string | null;
    path: string | null;
  }[];
  const wasm3 = runtimes.find((x) => x.id === 'wasm3')!;
  assert.equal(wasm3.available, false);
  assert.equal(wasm3.problem, 'broken');
  assert.match(wasm3.reason!, /killed by SIGSEGV/);
  const table = cli(['doctor'], { ...withPath(fakeRuntime('doctor2', FAKES.garbage.script)), ...FAST_PROBE });
  assert.match(table.stdout, /^wasm3 +broken +.*printed no version we recognise/m);
  const missing = cli(['doctor', '--json'], { PATH: '/usr/bin:/bin', ...FAST_PROBE });
  const wasm3Missing = (JSON.parse(missing.stdout).runtimes as typeof runtimes).find((x) => x.id === 'wasm3')!;
  assert.equal(wasm3Missing.problem, 'not-installed');
});

test('a missing runtime requested alone: exit 1 "not installed"; beside a working one: a warning, exit 0', {
  timeout: 180_000,
}, () => {
  const env = { PATH: `${scratch('empty-path')}:/usr/bin:/bin`, WASMBENCH_WASM3: '' };
  const alone = cli(['run', '--runtime', 'wasm3', '--out', join(scratch('missing'), 'run')], env);
  assert.equal(alone.status, 1, alone.stderr);
  assert.match(alone.stderr, / {2}- wasm3: not installed: no wasm3 on PATH/);
  const out = join(scratch('missing-beside'), 'run');
  const beside = cli(
    ['run', '--runtime', 'native,wasm3', '--fixture', 'hello', '--iterations', '2', '--warmups', '0', '--out', out],
    env,
  );
  assert.equal(beside.status, 0, beside.stderr);
  assert.match(beside.stderr, /warning: requested runtime wasm3: not installed/);
  assert.match(
    readFileSync(join(out, 'summary.md'), 'utf8'),
    /### Warning: requested runtimes not measured \(1\)\n\n- `?wasm3: not installed/,
  );
});

test('a suite that plans no case (throughput variants for a runtime not requested): exit 1 with the reason', {
  timeout: 120_000,
}, () => {
  const dir = scratch('tp-none');
  const config = join(dir, 'bench.config.mjs');
  writeFileSync(
    config,
    "export default { suites: ['throughput'], runtimes: ['native'], throughput: { variants: ['node-js'] } };\n",
  );
  const r = cli(['run', '--config', config, '--out', join(dir, 'run')]);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /nothing was measured:\n {2}- suite throughput: planned no case/);
});

test('a version probe that hangs is killed with its whole process group: nothing left behind', {
  timeout: 120_000,
}, async () => {
  const r = cli(['doctor', '--json'], { ...withPath(fakeRuntime('hang', FAKES.hang.script)), ...FAST_PROBE });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, FAKES.hang.reason);
  await sleep(200);
  assert.deepEqual(processesWith('sleep 424'), [], 'the hung probe and its child are gone');
});

test('a C compiler that crashes on --version: native is "installed but broken", exit 1', { timeout: 120_000 }, () => {
  const cc = join(fakeRuntime('cc', 'kill -SEGV $$'), 'wasm3');
  const r = cli(['run', '--runtime', 'native', '--fixture', 'hello', '--out', join(scratch('broken-cc'), 'run')], {
    CC: cc,
    ...FAST_PROBE,
  });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, / {2}- native: installed but broken: `.*wasm3 --version` failed \(killed by SIGSEGV\)/);
});
