// The process timer against real processes, for both timing methods.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createProcessTimer, type ProcessSample, type ProcessTimer } from '../../core/process/timer.ts';
import { STDOUT_CAP_BYTES } from '../../core/process/capture.ts';

const SECOND_NS = 1e9;

/** True while `pid` is a live process (a zombie waiting for init counts as dead). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false; // vanished between the two checks
  }
}

/** SIGKILL is asynchronous: give the kernel a moment to finish the kill. */
async function gone(pid: number, withinMs = 1000): Promise<boolean> {
  const until = Date.now() + withinMs;
  while (alive(pid)) {
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

function sh(script: string): string[] {
  return ['sh', '-c', script];
}

for (const method of ['wait4-helper', 'node-spawn'] as const) {
  describe(`process timer (${method})`, () => {
    let timer: ProcessTimer;
    let dir: string;
    const run = (argv: string[], timeoutMs = 5000, extra = {}): Promise<ProcessSample> => timer.run({ argv, timeoutMs, ...extra });

    before(async () => {
      timer = await createProcessTimer({ method });
      dir = mkdtempSync(join(tmpdir(), 'wb-timer-test-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    test('uses the requested method', () => {
      assert.equal(timer.method, method);
      assert.equal(timer.fallbackReason, null);
    });

    test('/bin/true exits 0 with a sane wall time', async () => {
      const s = await run(['/bin/true']);
      assert.equal(s.method, method);
      assert.equal(s.exitCode, 0);
      assert.equal(s.signal, null);
      assert.equal(s.timedOut, false);
      assert.equal(s.spawnError, null);
      assert.ok(s.wallNs > 0 && s.wallNs < 5 * SECOND_NS, `wallNs ${s.wallNs}`);
      assert.equal(s.firstOutputNs, null);
    });

    test('reports the exit code', async () => {
      assert.equal((await run(sh('exit 3'))).exitCode, 3);
    });

    test('reports a terminating signal', async () => {
      const s = await run(sh('kill -SEGV $$'));
      assert.equal(s.exitCode, null);
      assert.equal(s.signal, 'SIGSEGV');
    });

    test('captures stdout and stderr exactly', async () => {
      const s = await run(sh("printf 'out 1\\nout 2\\n'; printf 'err\\n' >&2; printf 'tail'"));
      assert.equal(s.stdout, 'out 1\nout 2\ntail');
      assert.equal(s.stderr, 'err\n');
      assert.ok(s.firstOutputNs !== null && s.firstOutputNs <= s.wallNs);
    });

    test('times the first byte on stdout', async () => {
      const s = await run(sh('sleep 0.2; echo hi'));
      assert.equal(s.stdout, 'hi\n');
      assert.ok(s.firstOutputNs !== null && s.firstOutputNs >= 150e6, `firstOutputNs ${s.firstOutputNs}`);
      assert.ok(s.firstOutputNs <= s.wallNs);
    });

    test('a timeout kills the whole process group', async () => {
      const started = Date.now();
      const s = await run(sh('sleep 30 & echo $!; sleep 30'), 300);
      assert.ok(Date.now() - started < 2500, `took ${Date.now() - started} ms`);
      assert.equal(s.timedOut, true);
      assert.equal(s.signal, 'SIGKILL');
      assert.ok(s.wallNs >= 290e6 && s.wallNs < 2 * SECOND_NS, `wallNs ${s.wallNs}`);
      const grandchild = Number(s.stdout.trim());
      assert.ok(grandchild > 0, `grandchild pid from ${JSON.stringify(s.stdout)}`);
      assert.ok(await gone(grandchild), `grandchild ${grandchild} survived`);
    });

    test('descendants left behind by an exiting child are killed, not waited for', async () => {
      const started = Date.now();
      const s = await run(sh('sleep 30 & echo $!'), 10_000);
      assert.ok(Date.now() - started < 2500, `took ${Date.now() - started} ms`);
      assert.equal(s.exitCode, 0);
      assert.equal(s.timedOut, false);
      assert.ok(await gone(Number(s.stdout.trim())), 'background sleep survived');
    });

    test('a missing binary is a spawnError, not a crash', async () => {
      const s = await run(['/nonexistent/wasmbench-no-such-binary']);
      assert.match(s.spawnError ?? '', /no such file|ENOENT/i);
      assert.equal(s.exitCode, null);
      assert.equal(s.userNs, null);
    });

    test('a missing cwd is a spawnError naming the directory', async () => {
      const s = await run(['/bin/true'], 5000, { cwd: join(dir, 'missing') });
      assert.match(s.spawnError ?? '', /missing does not exist/);
    });

    test('rusage figures: present under the helper, null under node-spawn', async () => {
      const s = await run(sh('i=0; while [ $i -lt 2000 ]; do i=$((i+1)); done'));
      if (method === 'wait4-helper') {
        assert.ok(s.userNs !== null && s.sysNs !== null && s.userNs + s.sysNs > 0, `user ${s.userNs} sys ${s.sysNs}`);
        assert.ok(s.maxRssBytes !== null && s.maxRssBytes > 0);
      } else {
        assert.deepEqual([s.userNs, s.sysNs, s.maxRssBytes], [null, null, null]);
      }
    });

    test('spawnRealtimeNs is the wall clock at spawn', async () => {
      const before = BigInt(Date.now()) * 1_000_000n;
      const s = await run(['/bin/true']);
      const now = BigInt(Date.now()) * 1_000_000n;
      assert.equal(typeof s.spawnRealtimeNs, 'bigint');
      assert.ok(s.spawnRealtimeNs >= before - 2_000_000n && s.spawnRealtimeNs <= now + 2_000_000n, `${s.spawnRealtimeNs} not in [${before}, ${now}]`);
      const diff = s.spawnRealtimeNs - now;
      assert.ok((diff < 0n ? -diff : diff) < 1_000_000_000n);
    });

    test('env, cwd and stdinFile reach the child', async () => {
      const input = join(dir, 'in.txt');
      writeFileSync(input, 'from file\n');
      const s = await run(sh('echo "$WB_TEST_VAR"; pwd; cat'), 5000, {
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', WB_TEST_VAR: 'x y' }, cwd: dir, stdinFile: input,
      });
      assert.equal(s.stdout, `x y\n${execFileSync('pwd', { cwd: dir, encoding: 'utf8' })}from file\n`);
    });

    test('a missing stdinFile is a spawnError', async () => {
      const s = await run(['cat'], 5000, { stdinFile: join(dir, 'no-such-input') });
      assert.match(s.spawnError ?? '', /cannot open stdin .*no-such-input/);
      assert.equal(s.exitCode, null);
    });

    test('a bad request rejects instead of misbehaving', async () => {
      await assert.rejects(run(['/bin/true'], Infinity), /timeout Infinity ms is out of range/);
      await assert.rejects(run([]), /empty argv/);
    });

    test('concurrent runs do not mix their outputs', async () => {
      const samples = await Promise.all([1, 2, 3, 4].map((i) => run(sh(`echo ${i}; echo e${i} >&2; exit ${i}`))));
      assert.deepEqual(samples.map((s) => [s.stdout, s.stderr, s.exitCode]), [1, 2, 3, 4].map((i) => [`${i}\n`, `e${i}\n`, i]));
    });

    test('stdin is empty by default', async () => {
      const s = await run(['cat']);
      assert.equal(s.exitCode, 0);
      assert.equal(s.stdout, '');
    });

    test('a runaway stdout is capped, not buffered whole', async () => {
      const s = await run(sh(`head -c ${STDOUT_CAP_BYTES + 100_000} /dev/zero | tr '\\0' a`), 20_000);
      assert.equal(s.exitCode, 0);
      assert.equal(s.stdout.length, STDOUT_CAP_BYTES);
    });
  });
}

test('auto prefers the helper when a C compiler exists', async () => {
  const timer = await createProcessTimer();
  assert.equal(timer.method, 'wait4-helper', timer.fallbackReason ?? '');
});
