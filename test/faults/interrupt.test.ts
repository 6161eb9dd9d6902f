// Fault: Ctrl-C. One rule everywhere: an interrupted run exits 128 + the signal (130 for SIGINT),
// whether node runs wasmbench directly or through npx, after one Ctrl-C or two, and the
// results file says "interrupted" with every sample taken.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { constants } from 'node:os';
import { join } from 'node:path';
import { readFile, stat } from 'node:fs/promises';
import { BIN, fakeRuntime, scratch, sleep, startInGroup, withPath } from './helpers.ts';

const MANY = [
  'run',
  '--runtime',
  'native',
  '--fixture',
  'hello',
  '--iterations',
  '100000',
  '--warmups',
  '0',
  '--no-report',
];
/** A fake wasm3 whose every sample takes 5 s: a second Ctrl-C arrives while the first is still waiting for one. */
const SLOW = ['run', '--runtime', 'wasm3', '--fixture', 'hello', '--iterations', '5', '--warmups', '0', '--no-report'];
const SLOW_WASM3 = `case "$1" in --version) echo "Wasm3 v0.9.0 on x86_64"; exit 0;; *noop.wasm) exit 0;; esac
sleep 5
echo "Hello, world!"`;

/** The status a shell shows: the exit code, or 128 + the signal that ended the process. */
function shellStatus({ code, signal }: { code: number | null; signal: NodeJS.Signals | null }): number {
  return code ?? 128 + constants.signals[signal!];
}

async function waitForSamples(out: string, minBytes: number): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (
      (await stat(join(out, 'samples.jsonl')).then(
        (s) => s.size,
        () => 0,
      )) >= minBytes
    )
      return;
    await sleep(100);
  }
  throw new Error('no samples within 120 s');
}

/** The results file once the (possibly orphaned) wasmbench process has written its final state. */
async function finalResults(out: string): Promise<{
  state: string;
  cases: { status: string; incomplete?: boolean; warnings: string[]; metrics: Record<string, { samples: number[] }> }[];
}> {
  for (let i = 0; i < 200; i++) {
    const r = await readFile(join(out, 'results.json'), 'utf8').then(JSON.parse, () => null);
    if (r && r.state !== 'running') return r;
    await sleep(100);
  }
  throw new Error('results.json still says running');
}

/** The node process running wasmbench inside a process group (under npx: npm -> sh -> node). */
function wasmbenchPid(pgid: number): number {
  const ps = spawnSync('ps', ['-o', 'pid=,args=', '-g', String(pgid)], { encoding: 'utf8' }).stdout;
  const line = ps.split('\n').find((l) => /^\s*\d+ node .*wasmbench run /.test(l));
  assert.ok(line, `no wasmbench node process in group ${pgid}:\n${ps}`);
  return Number(line.trim().split(/\s+/)[0]);
}

async function interrupted(
  argv: string[],
  out: string,
  press: (pid: number) => Promise<void>,
  minBytes = 2000,
  env: NodeJS.ProcessEnv = {},
) {
  const run = startInGroup([...argv, '--out', out], { env });
  await waitForSamples(out, minBytes);
  await press(run.child.pid!);
  const exit = await run.exited;
  return { status: shellStatus(exit), exit, stderr: run.stderr(), results: await finalResults(out) };
}

const group = (signal: NodeJS.Signals) => async (pid: number) => void process.kill(-pid, signal);

test('one Ctrl-C (SIGINT to the process group, as a terminal sends it): exit 130, results kept', {
  timeout: 180_000,
}, async () => {
  const out = join(scratch('int1'), 'run');
  const r = await interrupted([process.execPath, BIN, ...MANY], out, group('SIGINT'));
  assert.deepEqual(r.exit, { code: 130, signal: null }, r.stderr);
  assert.equal(r.results.state, 'interrupted');
  assert.ok(r.results.cases[0].metrics.wallNs.samples.length > 0);
});

test('SIGINT to the node process alone: exit 130', { timeout: 180_000 }, async () => {
  const out = join(scratch('int-node'), 'run');
  const r = await interrupted([process.execPath, BIN, ...MANY], out, async (pid) => void process.kill(pid, 'SIGINT'));
  assert.equal(r.status, 130, r.stderr);
  assert.equal(r.results.state, 'interrupted');
});

test('two Ctrl-C to the group: exit 130, results kept', { timeout: 180_000 }, async () => {
  const out = join(scratch('int2'), 'run');
  const r = await interrupted([process.execPath, BIN, ...MANY], out, async (pid) => {
    process.kill(-pid, 'SIGINT');
    await sleep(20);
    try {
      process.kill(-pid, 'SIGINT');
    } catch {
      // already gone: the first press was enough
    }
  });
  assert.equal(r.status, 130, r.stderr);
  assert.equal(r.results.state, 'interrupted');
});

test('a second SIGINT while the first waits for a running sample stops at once: exit 130, results kept', {
  timeout: 180_000,
}, async () => {
  const out = join(scratch('int2-slow'), 'run');
  // To node alone, so the timing helper (and the 3 s sample it runs) does not see the signal and the first press must wait.
  const r = await interrupted(
    [process.execPath, BIN, ...SLOW],
    out,
    async (pid) => {
      process.kill(pid, 'SIGINT');
      await sleep(300);
      process.kill(pid, 'SIGINT');
    },
    1,
    withPath(fakeRuntime('slow', SLOW_WASM3)),
  );
  assert.equal(r.status, 130, r.stderr);
  assert.match(r.stderr, /stopped; results.json holds every sample taken so far/);
  assert.equal(r.results.state, 'interrupted');
  assert.ok(
    r.results.cases.some((c) => Object.values(c.metrics).some((m) => m.samples.length > 0)),
    'samples taken before Ctrl-C are kept',
  );
  // The case in flight had 1 of its 5 samples: the second press must not leave it looking complete.
  const cut = r.results.cases.find((c) => c.status === 'ok' && c.metrics.wallNs?.samples.length);
  assert.ok(cut, 'the case in flight keeps its samples');
  assert.equal(cut.incomplete, true);
  assert.ok(cut.warnings.some((w) => /^incomplete: the run was interrupted after \d of 5 samples/.test(w)));
});

test('SIGTERM: exit 143 (128 + 15), results kept', { timeout: 180_000 }, async () => {
  const out = join(scratch('term'), 'run');
  const r = await interrupted([process.execPath, BIN, ...MANY], out, async (pid) => void process.kill(pid, 'SIGTERM'));
  assert.equal(r.status, 143, r.stderr);
  assert.equal(r.results.state, 'interrupted');
});

test('under npx: Ctrl-C once or twice to the group gives 130 (npm dies of it), and wasmbench still writes its results', {
  timeout: 180_000,
}, async () => {
  for (const presses of [1, 2]) {
    const out = join(scratch(`npx${presses}`), 'run');
    const r = await interrupted(['npx', '--no-install', 'wasmbench', ...MANY], out, async (pid) => {
      process.kill(-pid, 'SIGINT');
      if (presses === 2) process.kill(-pid, 'SIGINT');
    });
    assert.equal(r.status, 130, `${presses} press(es): ${r.stderr}`);
    assert.equal(r.results.state, 'interrupted');
  }
});

test('under npx: SIGINT to the wasmbench node process alone gives 130 through npm', { timeout: 180_000 }, async () => {
  const out = join(scratch('npx-node'), 'run');
  const r = await interrupted(
    ['npx', '--no-install', 'wasmbench', ...MANY],
    out,
    async (pgid) => void process.kill(wasmbenchPid(pgid), 'SIGINT'),
  );
  assert.deepEqual(r.exit, { code: 130, signal: null }, r.stderr);
  assert.equal(r.results.state, 'interrupted');
});
