// Fault: a run SIGKILLed mid-way leaves its scratch dir in the temp dir; the next run removes it,
// and leaves alone the scratch dirs of processes still alive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, cli, ROOT, scratch, sleep } from './helpers.ts';

/** The pid of a process that has exited (the kernel does not reuse it at once). */
function deadPid(): number {
  const r = spawnSync('sh', ['-c', 'echo $$'], { encoding: 'utf8' });
  return Number(r.stdout.trim());
}

test('a run removes /tmp/wasmbench-<pid>-* dirs whose owner is gone, and keeps live ones', { timeout: 120_000 }, () => {
  const tmp = scratch('tmpdir');
  const stale = join(tmp, `wasmbench-${deadPid()}-run-AbC123`);
  const live = join(tmp, `wasmbench-${process.pid}-run-XyZ789`);
  const unowned = join(tmp, 'wasmbench-probe-Qq1234');
  for (const dir of [stale, live, unowned]) {
    mkdirSync(join(dir, 'startup'), { recursive: true });
    writeFileSync(join(dir, 'startup', 'leftover'), 'x');
  }
  const r = cli(
    [
      'run',
      '--runtime',
      'native',
      '--fixture',
      'hello',
      '--iterations',
      '1',
      '--warmups',
      '0',
      '--no-report',
      '--out',
      join(tmp, 'run'),
    ],
    { TMPDIR: tmp },
  );
  assert.equal(r.status, 0, r.stderr);
  assert.equal(existsSync(stale), false, "the dead run's scratch dir is removed");
  assert.equal(existsSync(live), true, 'a live process keeps its scratch dir');
  assert.equal(existsSync(unowned), true, 'a dir without an owner pid in its name is not ours to judge');
});

test('a SIGKILLed run leaves a scratch dir named with its pid, which the next run removes', {
  timeout: 180_000,
}, async () => {
  const tmp = scratch('tmpkill');
  const child = spawn(
    process.execPath,
    [
      BIN,
      'run',
      '--runtime',
      'native',
      '--fixture',
      'hello',
      '--iterations',
      '100000',
      '--warmups',
      '0',
      '--out',
      join(tmp, 'killed'),
    ],
    { cwd: ROOT, env: { ...process.env, CI: 'true', TMPDIR: tmp }, stdio: 'ignore' },
  );
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const scratchDirs = () => readdirSync(tmp).filter((n) => n.startsWith(`wasmbench-${child.pid}-`));
  for (let i = 0; i < 600 && scratchDirs().length === 0; i++) await sleep(100);
  assert.ok(scratchDirs().length > 0, 'the run made a scratch dir named with its pid');
  child.kill('SIGKILL');
  await exited;
  assert.ok(scratchDirs().length > 0, 'SIGKILL left it behind');
  const r = cli(
    [
      'run',
      '--runtime',
      'native',
      '--fixture',
      'hello',
      '--iterations',
      '1',
      '--warmups',
      '0',
      '--no-report',
      '--out',
      join(tmp, 'next'),
    ],
    { TMPDIR: tmp },
  );
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(scratchDirs(), [], 'the next run removed it');
});
