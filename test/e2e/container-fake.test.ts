// The container adapter against a FAKE runc (a Node script named runc on
// PATH): the argv it is given, a refusal becoming a skip reason, a hung
// container being force-deleted, and leftovers of a killed run removed.
// The fake runs the bundle's program directly from its rootfs, so the
// static build, the bundle layout and config.json are exercised for real.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadFixture } from '../../core/workloads/manifest.ts';
import { probe } from '../../runners/cli/probe.ts';
import { containerAdapter } from '../../runners/container/adapter.ts';
import { staticBinary } from '../../runners/container/bundle.ts';
import { which } from '../../runners/which.ts';
import { createProcessTimer } from '../../core/process/timer.ts';
import { endedCleanly, runCleanup } from '../../suites/guest-sample.ts';
import type { AvailableRuntime, RunSpec } from '../../runners/types.ts';

const FAKE_RUNC = `#!/usr/bin/env node
const { appendFileSync, readFileSync } = require('node:fs');
const { spawnSync } = require('node:child_process');
const args = process.argv.slice(2);
appendFileSync(process.env.FAKE_LOG, JSON.stringify(args) + '\\n');
const mode = process.env.FAKE_MODE || 'ok';
if (args[0] === '--version') { console.log('runc version 1.1.5+fake'); process.exit(0); }
if (args[0] === 'list') { process.stdout.write(process.env.FAKE_LIST || ''); process.exit(0); }
if (args[0] === 'delete') process.exit(0);
if (args[0] === 'run') {
  if (mode === 'refuse') { console.error('runc run failed: unable to start container process: error during container init: setrlimit RLIMIT_NOFILE: operation not permitted'); process.exit(1); }
  if (mode === 'hang') setInterval(() => {}, 1000);
  else {
    const config = JSON.parse(readFileSync(args[2] + '/config.json', 'utf8'));
    const r = spawnSync(args[2] + '/rootfs' + config.process.args[0], config.process.args.slice(1), { stdio: 'inherit' });
    process.exit(r.status ?? 1);
  }
} else process.exit(3);
`;

interface Fake {
  dir: string;
  log: string;
}

async function fakeRunc(): Promise<Fake> {
  const dir = await mkdtemp(join(tmpdir(), 'wasmbench-fake-runc-'));
  await writeFile(join(dir, 'runc'), FAKE_RUNC);
  await chmod(join(dir, 'runc'), 0o755);
  return { dir, log: join(dir, 'log') };
}

/** Runs fn with the fake first on a PATH that hides other engines in /usr/local and /usr/sbin. */
async function withFake<T>(fake: Fake, env: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  Object.assign(
    process.env,
    { PATH: `${fake.dir}:/usr/bin:/bin`, FAKE_LOG: fake.log, WASMBENCH_RUNC: join(fake.dir, 'runc') },
    env,
  );
  delete process.env.WASMBENCH_CRUN;
  delete process.env.WASMBENCH_PODMAN;
  delete process.env.WASMBENCH_DOCKER;
  try {
    return await fn();
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

async function calls(fake: Fake): Promise<string[][]> {
  return (await readFile(fake.log, 'utf8').catch(() => ''))
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as string[]);
}

async function specFor(name: string, args?: string[], cacheState: RunSpec['cacheState'] = 'cold'): Promise<RunSpec> {
  const fixture = await loadFixture(name);
  return {
    fixture,
    args: args ?? fixture.defaultArgs,
    env: {},
    mode: 'aot',
    modeName: 'runc',
    cacheState,
    workDir: await mkdtemp(join(tmpdir(), 'wasmbench-ctr-case-')),
  };
}

test('fake runc: detected as the runc mode; the sample is `runc run --bundle B <unique id>` of a static build', {
  timeout: 120_000,
}, async () => {
  const fake = await fakeRunc();
  await withFake(fake, {}, async () => {
    const detection = await containerAdapter.detect();
    assert.ok(detection.available, !detection.available ? detection.reason : '');
    const rt = detection as AvailableRuntime;
    assert.equal(rt.modes[0].modeName, 'runc');
    assert.match(rt.version, /^runc 1\.1\.5/);
    assert.deepEqual(rt.modes[0].cacheStates, ['cold', 'warm']);
    const spec = await specFor('hello', undefined, 'warm');
    const prepared = await containerAdapter.prepare(rt, spec);
    assert.equal(prepared.preparation?.wallNs.length, 3, 'the one-time bundle preparation is timed, 3 times');
    assert.ok(prepared.preparation.wallNs.every((ns) => Number.isInteger(ns) && ns > 0));
    assert.match(prepared.preparation.note, /writing the bundle .*process\.hrtime/);
    const a = containerAdapter.command(rt, spec, prepared);
    const b = containerAdapter.command(rt, spec, prepared);
    assert.deepEqual(a.argv.slice(0, 3), [join(fake.dir, 'runc'), 'run', '--bundle']);
    assert.match(a.argv[4], /^wasmbench-\d+-\d+$/);
    assert.notEqual(a.argv[4], b.argv[4], 'a fresh container per sample');
    assert.equal(a.argv[3], b.argv[3], 'warm: every sample runs from the same bundle');
    assert.deepEqual(a.cleanupArgv, [join(fake.dir, 'runc'), 'delete', '--force', a.argv[4]]);
    const config = JSON.parse(await readFile(join(a.argv[3], 'config.json'), 'utf8'));
    assert.deepEqual(config.process.args, ['/hello']);
    const file = await probe(['file', join(a.argv[3], 'rootfs', 'hello')]);
    if (file.ok) assert.match(file.stdout, /statically linked/);
    const ran = await probe(a.argv);
    assert.ok(ran.ok, ran.stderr);
    assert.match(ran.stdout, /Hello, world!/);
  });
});

test('fake runc refusing to start: the engine is skipped with its own message and a fix', {
  timeout: 120_000,
}, async () => {
  const fake = await fakeRunc();
  await withFake(fake, { FAKE_MODE: 'refuse' }, async () => {
    const detection = await containerAdapter.detect();
    const reason = detection.available
      ? (detection.unsupportedModes?.find((m) => m.modeName === 'runc')?.reason ?? '')
      : detection.reason;
    assert.match(reason, /setrlimit RLIMIT_NOFILE: operation not permitted/);
    assert.match(reason, /fix: /);
  });
});

test('fake runc hanging: the sample times out, then the container is force-deleted', { timeout: 120_000 }, async () => {
  const fake = await fakeRunc();
  await withFake(fake, {}, async () => {
    const detection = await containerAdapter.detect();
    process.env.FAKE_MODE = 'hang'; // after the probe
    assert.ok(detection.available, !detection.available ? detection.reason : '');
    const rt = detection as AvailableRuntime;
    const spec = await specFor('noop');
    const prepared = await containerAdapter.prepare(rt, spec);
    const command = containerAdapter.command(rt, spec, prepared);
    const timer = await createProcessTimer();
    const sample = await timer.run({ argv: command.argv, timeoutMs: 500 });
    timer.close?.();
    assert.equal(sample.timedOut, true);
    assert.equal(endedCleanly(sample), false);
    assert.equal(await runCleanup(command.cleanupArgv!), null);
    assert.ok(
      (await calls(fake)).some((c) => c.join(' ') === `delete --force ${command.argv[4]}`),
      'the container itself is deleted',
    );
  });
});

test("fake runc listing a dead run's container: it is deleted at the next detection, others are left alone", {
  timeout: 120_000,
}, async () => {
  const fake = await fakeRunc();
  await withFake(fake, { FAKE_LIST: 'wasmbench-999999999-3\nsomeone-else\n' }, async () => {
    const detection = await containerAdapter.detect();
    assert.ok(detection.available);
    const deletes = (await calls(fake)).filter((c) => c[0] === 'delete').map((c) => c[2]);
    assert.ok(deletes.includes('wasmbench-999999999-3'));
    assert.ok(!deletes.includes('someone-else'));
    assert.ok(detection.notes.some((n) => /removed 1 leftover/.test(n)));
  });
});

test("a fixture that cannot link statically fails with the linker's own message", { timeout: 120_000 }, async (t) => {
  const cc = await which('cc');
  if (!cc) return t.skip('no C compiler');
  const hello = await loadFixture('hello');
  const broken = {
    ...hello,
    name: `hello-nolink-${process.pid}`,
    nativeLdflags: [...hello.nativeLdflags, '-lwasmbench_no_such_lib'],
  };
  await assert.rejects(
    staticBinary(broken, cc, `cc-test-${process.pid}`, process.arch),
    /cannot find -lwasmbench_no_such_lib/,
  );
});
