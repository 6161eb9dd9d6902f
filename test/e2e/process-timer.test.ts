// The process timer against real processes, for both timing methods and both
// modes of the wait4 helper (serve: one warm helper per timer; oneshot).
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import {
  createProcessTimer,
  type ProcessSample,
  type ProcessTimer,
  type ProcessTimerOptions,
} from '../../core/process/timer.ts';
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

const variants: { label: string; options: ProcessTimerOptions & { method: ProcessSample['method'] } }[] = [
  { label: 'wait4-helper, serve', options: { method: 'wait4-helper' } },
  { label: 'wait4-helper, oneshot', options: { method: 'wait4-helper', helperMode: 'oneshot' } },
  { label: 'node-spawn', options: { method: 'node-spawn' } },
];

for (const { label, options } of variants) {
  const method = options.method;
  describe(`process timer (${label})`, () => {
    let timer: ProcessTimer;
    let dir: string;
    const run = (argv: string[], timeoutMs = 5000, extra = {}): Promise<ProcessSample> =>
      timer.run({ argv, timeoutMs, ...extra });

    before(async () => {
      timer = await createProcessTimer(options);
      dir = mkdtempSync(join(tmpdir(), 'wb-timer-test-'));
    });
    after(() => {
      timer.close?.();
      rmSync(dir, { recursive: true, force: true });
    });

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
      assert.ok(
        s.spawnRealtimeNs >= before - 2_000_000n && s.spawnRealtimeNs <= now + 2_000_000n,
        `${s.spawnRealtimeNs} not in [${before}, ${now}]`,
      );
      const diff = s.spawnRealtimeNs - now;
      assert.ok((diff < 0n ? -diff : diff) < 1_000_000_000n);
    });

    test('env, cwd and stdinFile reach the child', async () => {
      const input = join(dir, 'in.txt');
      writeFileSync(input, 'from file\n');
      const s = await run(sh('echo "$WB_TEST_VAR"; pwd; cat'), 5000, {
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', WB_TEST_VAR: 'x y' },
        cwd: dir,
        stdinFile: input,
      });
      assert.equal(s.stdout, `x y\n${execFileSync('pwd', { cwd: dir, encoding: 'utf8' })}from file\n`);
    });

    test("a bare program name is looked up on the child's PATH", async () => {
      const bin = join(dir, 'bin');
      mkdirSync(bin, { recursive: true });
      writeFileSync(join(bin, 'wb-only-here'), '#!/bin/sh\necho found\n');
      chmodSync(join(bin, 'wb-only-here'), 0o755);
      const s = await run(['wb-only-here'], 5000, { env: { PATH: `${bin}:/usr/bin:/bin` } });
      assert.equal(s.spawnError, null);
      assert.equal(s.stdout, 'found\n');
    });

    test('without env the child gets our environment as it is now', async () => {
      process.env.WB_TIMER_TEST_LATE = `late ${label}`;
      try {
        assert.equal((await run(sh('echo "$WB_TIMER_TEST_LATE"'))).stdout, `late ${label}\n`);
      } finally {
        delete process.env.WB_TIMER_TEST_LATE;
      }
    });

    test('the child inherits no file descriptors beyond 0-2', async (t) => {
      if (method === 'node-spawn') return t.skip('Node passes on fds it inherited without close-on-exec');
      const s = await run(['ls', '/proc/self/fd']); // ls's own directory fd is the one extra
      const fds = s.stdout
        .trim()
        .split('\n')
        .map(Number)
        .sort((a, b) => a - b);
      assert.deepEqual(fds.slice(0, 3), [0, 1, 2]);
      assert.ok(fds.length <= 4, `child saw fds ${fds.join(' ')}`);
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
      assert.deepEqual(
        samples.map((s) => [s.stdout, s.stderr, s.exitCode]),
        [1, 2, 3, 4].map((i) => [`${i}\n`, `e${i}\n`, i]),
      );
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
  timer.close?.();
});

/** The pid of the process that spawned the child: the helper. */
async function helperPid(timer: ProcessTimer): Promise<number> {
  return Number((await timer.run({ argv: sh('echo $PPID'), timeoutMs: 5000 })).stdout.trim());
}

describe('wait4 helper, serve mode', () => {
  let timer: ProcessTimer;
  before(async () => {
    timer = await createProcessTimer({ method: 'wait4-helper' });
  });
  after(() => timer.close?.());

  test('is the default and keeps one helper for many samples; oneshot does not', async () => {
    const first = await helperPid(timer);
    for (let i = 0; i < 50; i++) {
      const s = await timer.run({ argv: sh(`echo ${i}; exit ${i % 7}`), timeoutMs: 5000 });
      assert.deepEqual([s.stdout, s.exitCode, s.timedOut], [`${i}\n`, i % 7, false]);
    }
    assert.equal(await helperPid(timer), first);
    const oneshot = await createProcessTimer({ method: 'wait4-helper', helperMode: 'oneshot' });
    assert.notEqual(await helperPid(oneshot), await helperPid(oneshot));
  });

  test('samples never overlap, even when run() is called concurrently', async () => {
    const log = join(mkdtempSync(join(tmpdir(), 'wb-serve-')), 'log');
    await Promise.all(
      [1, 2, 3].map((i) =>
        timer.run({ argv: sh(`echo start${i} >> ${log}; sleep 0.05; echo end${i} >> ${log}`), timeoutMs: 5000 }),
      ),
    );
    assert.deepEqual(readFileSync(log, 'utf8').trim().split('\n'), [
      'start1',
      'end1',
      'start2',
      'end2',
      'start3',
      'end3',
    ]);
  });

  test('a timeout is followed by a normal sample on the same helper', async () => {
    const pid = await helperPid(timer);
    const slow = await timer.run({ argv: sh('echo partial; sleep 30'), timeoutMs: 200 });
    assert.deepEqual([slow.timedOut, slow.signal, slow.stdout], [true, 'SIGKILL', 'partial\n']);
    const next = await timer.run({ argv: sh('echo ok'), timeoutMs: 5000 });
    assert.deepEqual([next.timedOut, next.exitCode, next.stdout], [false, 0, 'ok\n']);
    assert.equal(await helperPid(timer), pid);
  });

  test('a helper killed mid-sample fails that sample and is replaced', async () => {
    for (const sig of ['KILL', 'TERM']) {
      const pid = await helperPid(timer);
      await assert.rejects(
        timer.run({ argv: sh(`echo $$; kill -${sig} $PPID; sleep 2`), timeoutMs: 5000 }),
        /wb-spawn helper exited/,
      );
      assert.ok(await gone(pid), `old helper ${pid} still alive`);
      const s = await timer.run({ argv: sh('echo back'), timeoutMs: 5000 });
      assert.equal(s.stdout, 'back\n');
      assert.notEqual(await helperPid(timer), pid);
    }
  });

  test('a helper that died while idle is replaced', async () => {
    const pid = await helperPid(timer);
    process.kill(pid, 'SIGKILL');
    assert.ok(await gone(pid));
    await new Promise((r) => setTimeout(r, 50)); // let Node see the exit
    assert.equal((await timer.run({ argv: ['/bin/true'], timeoutMs: 5000 })).exitCode, 0);
  });

  test('close() ends the helper; later runs reject', async () => {
    const own = await createProcessTimer({ method: 'wait4-helper' });
    const pid = await helperPid(own);
    own.close?.();
    assert.ok(await gone(pid, 2000), `helper ${pid} survived close()`);
    await assert.rejects(own.run({ argv: ['/bin/true'], timeoutMs: 5000 }), /closed/);
  });

  test('an idle helper does not keep Node alive, and dies with it', async () => {
    const script = `import { createProcessTimer } from ${JSON.stringify(new URL('../../core/process/timer.ts', import.meta.url).href)};
      const t = await createProcessTimer({ method: 'wait4-helper' });
      console.log((await t.run({ argv: ['sh', '-c', 'echo $PPID'], timeoutMs: 5000 })).stdout.trim());`;
    const started = Date.now();
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { timeout: 20_000 },
    );
    assert.ok(Date.now() - started < 15_000);
    const pid = Number(stdout.trim());
    assert.ok(pid > 0, `helper pid from ${JSON.stringify(stdout)}`);
    assert.ok(await gone(pid, 2000), `helper ${pid} outlived its Node process`);
  });
});
