// Fault: a bad --out. Each is a clear error with the fix, exit 2, fast, and nothing is written or lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, cli, fakeRuntime, ROOT, scratch, withPath } from './helpers.ts';

const QUICK = [
  'run',
  '--runtime',
  'native',
  '--fixture',
  'hello',
  '--iterations',
  '2',
  '--warmups',
  '0',
  '--no-report',
];

/** Generous bound: node + tsx start-up on a loaded 2-core machine; the old code never returned at all. */
const FAST_MS = 20_000;

test('--out on /proc is exit 2 naming procfs, at once (run and merge)', () => {
  for (const args of [
    ['run', '--out', '/proc/wasmbench-out'],
    ['merge', 'test/fixtures/reports', '--out', '/proc/x'],
    ['ab', 'a', 'b', '--out', '/proc/x/y'],
  ]) {
    const r = cli(args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /is on procfs, a pseudo filesystem/);
    assert.match(r.stderr, /fix: choose a directory on a real disk/);
    assert.ok(r.ms < FAST_MS, `${args[0]} took ${r.ms} ms`);
  }
  assert.equal(existsSync('/proc/wasmbench-out'), false);
});

test('--out on /sys is exit 2', () => {
  const r = cli(['run', '--out', '/sys/kernel/wasmbench']);
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /is on sysfs/);
});

test('--out on a file and under a file are exit 2 with the fix, not raw EEXIST/ENOTDIR', () => {
  const dir = scratch('file');
  const file = join(dir, 'taken');
  writeFileSync(file, 'mine\n');
  const onFile = cli([...QUICK, '--out', file]);
  assert.equal(onFile.status, 2, onFile.stderr);
  assert.match(onFile.stderr, /exists and is not a directory\n {2}fix: /);
  const underFile = cli([...QUICK, '--out', join(file, 'sub', 'run')]);
  assert.equal(underFile.status, 2, underFile.stderr);
  assert.match(underFile.stderr, new RegExp(`is under ${file}, which is a file`));
  assert.doesNotMatch(onFile.stderr + underFile.stderr, /EEXIST|ENOTDIR/);
  assert.equal(readFileSync(file, 'utf8'), 'mine\n');
  const merge = cli(['merge', 'test/fixtures/reports', '--out', file]);
  assert.equal(merge.status, 2, merge.stderr);
});

test('--out on a directory that is not writable is exit 2', (t) => {
  const dir = scratch('ro');
  mkdirSync(join(dir, 'locked'), { mode: 0o555 });
  chmodSync(dir, 0o755);
  const args = [BIN, ...QUICK, '--out', join(dir, 'locked', 'run')];
  // root may write anywhere: run as "nobody" then.
  const asRoot = process.getuid?.() === 0;
  const r = spawnSync(process.execPath, args, {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', HOME: dir },
    ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
  });
  if (asRoot && r.status !== 2 && !/--out/.test(r.stderr))
    return t.skip(`"nobody" cannot start wasmbench here: ${r.stderr.split('\n')[0]}`);
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /locked\/run: its nearest existing parent .*locked is not writable \(EACCES\)/);
  assert.match(r.stderr, /fix: fix its permissions, or choose another directory/);
});

test('an existing run is never overwritten: exit 2 naming its run id; a --fixture typo with --force leaves it intact', () => {
  const out = join(scratch('existing'), 'run');
  const first = cli([...QUICK, '--out', out]);
  assert.equal(first.status, 0, first.stderr);
  const before = readFileSync(join(out, 'results.json'), 'utf8');
  const samplesBefore = readFileSync(join(out, 'samples.jsonl'), 'utf8');
  const runId = JSON.parse(before).runId as string;

  const again = cli([...QUICK, '--out', out]);
  assert.equal(again.status, 2, again.stderr);
  assert.match(again.stderr, new RegExp(`already holds run ${runId} \\(state complete\\)`));
  assert.match(again.stderr, /fix: pass --force to replace it/);

  for (const args of [
    [...QUICK, '--fixture', 'helo', '--out', out, '--force'],
    [...QUICK, '--iterations', 'many', '--out', out, '--force'],
  ]) {
    const bad = cli(args);
    assert.equal(bad.status, 2, bad.stderr);
  }
  assert.equal(readFileSync(join(out, 'results.json'), 'utf8'), before, 'results.json untouched');
  assert.equal(readFileSync(join(out, 'samples.jsonl'), 'utf8'), samplesBefore, 'samples.jsonl untouched');
  assert.deepEqual(
    readdirSync(join(out, '..')).filter((n) => n.includes('wasmbench-staging')),
    [],
    'no staging dir left',
  );
});

test('--force replaces an existing run once the new one has started', () => {
  const out = join(scratch('force'), 'run');
  assert.equal(cli([...QUICK, '--out', out]).status, 0);
  const oldId = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).runId;
  writeFileSync(join(out, 'stale-note.txt'), 'from the old run\n');
  const r = cli([...QUICK, '--out', out, '--force']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, new RegExp(`replacing run ${oldId} once this one starts`));
  const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
  assert.notEqual(results.runId, oldId);
  assert.equal(results.state, 'complete');
  assert.ok(results.cases[0].metrics.wallNs.samples.length > 0);
  assert.equal(existsSync(join(out, 'stale-note.txt')), false, 'the whole old run directory was replaced');
  assert.deepEqual(
    readdirSync(join(out, '..')).filter((n) => n.startsWith('.')),
    [],
    'no staging or old dir left',
  );
});

test('--force keeps the old run when the new one takes no sample (its only runtime is broken)', () => {
  const out = join(scratch('force-nothing'), 'run');
  assert.equal(cli([...QUICK, '--out', out]).status, 0);
  const before = readFileSync(join(out, 'results.json'), 'utf8');
  const r = cli(
    ['run', '--runtime', 'wasm3', '--out', out, '--force'],
    withPath(fakeRuntime('force-nothing', 'kill -SEGV $$')),
  );
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, new RegExp(`still holds run ${JSON.parse(before).runId}: this run took no sample`));
  assert.equal(readFileSync(join(out, 'results.json'), 'utf8'), before);
  assert.deepEqual(
    readdirSync(join(out, '..')).filter((n) => n.startsWith('.')),
    [],
    'no staging dir left',
  );
});

test('merge refuses to overwrite an earlier merge without --force', () => {
  const out = join(scratch('merge'), 'merged');
  assert.equal(cli(['merge', 'test/fixtures/reports', '--out', out, '--no-report']).status, 0);
  const refused = cli(['merge', 'test/fixtures/reports', '--out', out, '--no-report']);
  assert.equal(refused.status, 2, refused.stderr);
  assert.match(refused.stderr, /already holds run merged-/);
  assert.equal(cli(['merge', 'test/fixtures/reports', '--out', out, '--no-report', '--force']).status, 0);
});
