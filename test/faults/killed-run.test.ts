/**
 * Fault: `wasmbench run` killed outright (SIGKILL to its process group, as
 * a CI timeout or the OOM killer does) while it measures. Every sample that
 * reached samples.jsonl must come back, the run must say it was killed, and
 * the gate must not pass it.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BIN = resolve(import.meta.dirname, '../../bin/wasmbench.mjs');
let out: string;

function cli(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', GITHUB_ACTIONS: '', GITHUB_STEP_SUMMARY: '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const measuredLines = (): number =>
  readFileSync(join(out, 'samples.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.includes('"phase":"measure"') && l.includes('"ok":true')).length;

before(async () => {
  out = mkdtempSync(join(tmpdir(), 'wasmbench-killed-'));
  const child = spawn(
    process.execPath,
    [
      BIN,
      'run',
      '--runtime',
      'native',
      '--fixture',
      'hello,noop',
      '--iterations',
      '100000',
      '--warmups',
      '0',
      '--out',
      out,
    ],
    { env: { ...process.env, CI: 'true' }, stdio: 'ignore', detached: true },
  );
  const exited = new Promise<void>((done) => child.on('exit', () => done()));
  // Kill once samples are flowing and results.json has been flushed with some of them.
  for (let i = 0; i < 900; i++) {
    const size = (() => {
      try {
        return statSync(join(out, 'samples.jsonl')).size;
      } catch {
        return 0;
      }
    })();
    if (size > 20_000) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  process.kill(-child.pid!, 'SIGKILL');
  await exited;
});
after(() => rmSync(out, { recursive: true, force: true }));

test('the killed run left results.json saying "running"', () => {
  const onDisk = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
  assert.equal(onDisk.state, 'running');
  assert.ok(measuredLines() > 0);
});

test('gate refuses the killed run (exit 1) and says why; the file is not touched', () => {
  const r = cli(['gate', out, out]);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(
    r.stderr,
    /error: base is incomplete: .*results\.json: interrupted: the run was killed before it finished; every sample that reached samples\.jsonl was recovered/,
  );
  assert.match(r.stderr, /fix: .*--allow-incomplete/);
  assert.equal(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).state, 'running', 'gate only reads');
  const compare = cli(['compare', out, out]);
  assert.equal(compare.code, 1);
  assert.match(compare.stderr, /base is incomplete/);
});

test('gate --allow-incomplete compares what was measured and marks every case cut short', () => {
  const r = cli(['gate', out, out, '--allow-incomplete']);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stderr, /warning: incomplete base .*the run was killed/);
  const rows = r.stdout.split('\n').filter((l) => l.startsWith('startup/native/'));
  assert.ok(rows.length >= 1, r.stdout);
  for (const row of rows)
    assert.match(
      row,
      /\(incomplete base\+head\).*incomplete: the base and head run stopped before this case had all its samples/,
    );
});

test('merge says an input was killed, and the merged run stays interrupted + recovered', () => {
  const merged = join(out, 'merged');
  const r = cli(['merge', out, '--out', merged, '--no-report']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /warning: incomplete input .*results\.json: interrupted: the run was killed/);
  const file = JSON.parse(readFileSync(join(merged, 'results.json'), 'utf8'));
  assert.deepEqual([file.state, file.recovered], ['interrupted', true]);
  rmSync(merged, { recursive: true, force: true });
});

test('report recovers every logged sample, says so, exits 1, and writes the banner into report.html and summary.md', () => {
  const logged = measuredLines();
  const r = cli(['report', out]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(
    r.stderr,
    /warning: .*results\.json: interrupted: the run was killed before it finished; every sample that reached samples\.jsonl was recovered; \d+ case\(s\) have fewer samples than planned \(\d+ sample\(s\) read back from .*samples\.jsonl that results\.json lacked\)/,
  );
  assert.match(r.stdout, /case\(s\): .* \(interrupted, recovered from samples\.jsonl\)/);
  assert.match(r.stdout, /WARNING: this run is incomplete/);
  const file = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
  assert.equal(file.state, 'interrupted');
  assert.equal(file.recovered, true);
  const recovered = file.cases.reduce(
    (n: number, c: { metrics: { wallNs?: { samples: number[] } } }) => n + (c.metrics.wallNs?.samples.length ?? 0),
    0,
  );
  assert.equal(recovered, logged, 'every measured sample in samples.jsonl is in results.json');
  assert.ok(
    file.cases.some((c: { incomplete?: boolean }) => c.incomplete),
    'the cases being measured are marked',
  );
  assert.match(
    readFileSync(join(out, 'report.html'), 'utf8'),
    /<p class="warn" id="incomplete-run"><b>Incomplete run<\/b>: interrupted: the run was killed/,
  );
  assert.match(
    readFileSync(join(out, 'summary.md'), 'utf8'),
    /> \*\*Incomplete run\*\*: interrupted: the run was killed/,
  );
  const again = cli(['report', out]);
  assert.equal(again.code, 1, 'a recovered run stays marked');
  assert.equal(cli(['gate', out, out]).code, 1);
});
