// The container adapter's pure parts: engine argv, leftover names, the OCI
// config it writes, and how engine probes become a detection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES, fixFor, listArgv, ownerPid, removeArgv, runArgv } from '../../runners/container/engines.ts';
import { ociConfig } from '../../runners/container/bundle.ts';
import { nextContainerId, staleNames } from '../../runners/container/cleanup.ts';
import { containerDetection } from '../../runners/container/adapter.ts';
import type { EngineStatus } from '../../runners/container/detect.ts';

const DEAD_PID = 999_999_999; // above any pid_max: never alive

test('runc/crun run a bundle by id; podman/docker run an image with stdin, no network, removed on exit', () => {
  assert.deepEqual(
    runArgv(ENGINES.runc, '/usr/sbin/runc', { bundleDir: '/b', program: '/hello' }, 'wasmbench-1-2', ['x']),
    ['/usr/sbin/runc', 'run', '--bundle', '/b', 'wasmbench-1-2'],
  );
  assert.deepEqual(
    runArgv(ENGINES.podman, 'podman', { image: 'wasmbench/hello:k', program: '/hello' }, 'wasmbench-1-3', ['x']),
    [
      'podman',
      'run',
      '--rm',
      '-i',
      '--name',
      'wasmbench-1-3',
      '--network',
      'none',
      '--log-driver',
      'none',
      'wasmbench/hello:k',
      '/hello',
      'x',
    ],
  );
  assert.deepEqual(removeArgv(ENGINES.crun, 'crun', 'c1'), ['crun', 'delete', '--force', 'c1']);
  assert.deepEqual(removeArgv(ENGINES.docker, 'docker', 'c1'), ['docker', 'rm', '--force', 'c1']);
  assert.deepEqual(listArgv(ENGINES.runc, 'runc'), ['runc', 'list', '--quiet']);
});

test('container names carry the pid; only dead pids of wasmbench names are stale', () => {
  const id = nextContainerId();
  assert.equal(ownerPid(id), process.pid);
  assert.notEqual(nextContainerId(), id, 'every sample gets its own name');
  assert.equal(ownerPid('someone-else'), null);
  const listing = [
    `wasmbench-${DEAD_PID}-4`,
    `wasmbench-${DEAD_PID}-4-r7`,
    id,
    `wasmbench-${process.ppid}-1`,
    'mine',
    '',
  ].join('\n');
  assert.deepEqual(staleNames(listing), [`wasmbench-${DEAD_PID}-4`, `wasmbench-${DEAD_PID}-4-r7`]);
});

test('the OCI config has no rlimits and no cgroup settings, a read-only root, /proc and /dev', () => {
  const config = ociConfig('/r/rootfs', ['/hello', 'a']) as {
    process: Record<string, unknown>;
    root: unknown;
    mounts: { destination: string }[];
    linux: Record<string, unknown>;
  };
  assert.equal(config.process.terminal, false);
  assert.deepEqual(config.process.args, ['/hello', 'a']);
  assert.equal('rlimits' in config.process, false);
  assert.equal('resources' in config.linux, false);
  assert.equal('cgroupsPath' in config.linux, false);
  assert.deepEqual(config.root, { path: '/r/rootfs', readonly: true });
  for (const dir of ['/proc', '/dev'])
    assert.ok(
      config.mounts.some((m) => m.destination === dir),
      dir,
    );
});

test('known engine refusals get a fix; others none', () => {
  assert.match(fixFor('podman', 'Error: setrlimit `RLIMIT_NOFILE`: Operation not permitted') ?? '', /setrlimit/);
  assert.match(fixFor('crun', 'cgroups in hybrid mode not supported') ?? '', /cgroup v2/);
  assert.equal(fixFor('runc', 'something new'), null);
});

const CC = { path: '/usr/bin/cc', version: 'cc 12', arch: 'x64' };

test('each engine is an aot mode; missing and refused engines are skipped tiers with their reason', () => {
  const statuses: EngineStatus[] = [
    { engine: ENGINES.runc, state: 'usable', path: '/usr/sbin/runc', version: '1.1.5', cleaned: [] },
    {
      engine: ENGINES.crun,
      state: 'refused',
      path: '/usr/bin/crun',
      version: '1.8',
      reason: 'cannot run a container here: cgroups in hybrid mode not supported',
    },
    { engine: ENGINES.podman, state: 'missing' },
    { engine: ENGINES.docker, state: 'missing' },
  ];
  const d = containerDetection(statuses, CC);
  assert.ok(d.available);
  assert.deepEqual(d.modes, [{ mode: 'aot', modeName: 'runc', flags: [], cacheStates: ['cold', 'warm'] }]);
  assert.ok(d.notes.some((n) => /^cache state warm: .*precompileNs/.test(n)));
  assert.ok(d.notes.some((n) => /^cache state cold: nothing is reused/.test(n)));
  assert.equal(d.version, 'runc 1.1.5');
  assert.deepEqual(
    d.unsupportedModes?.map((m) => `${m.modeName}: ${m.reason}`),
    [
      'crun: crun 1.8 (/usr/bin/crun) cannot run a container here: cgroups in hybrid mode not supported',
      `podman: not installed; ${ENGINES.podman.install}`,
      `docker: not installed; ${ENGINES.docker.install}`,
    ],
  );
});

test("no usable engine: the runtime is unavailable with every engine's reason", () => {
  const statuses: EngineStatus[] = [
    {
      engine: ENGINES.runc,
      state: 'refused',
      path: '/r',
      version: '1',
      reason: 'cannot run a container here: permission denied',
    },
    { engine: ENGINES.crun, state: 'missing' },
    { engine: ENGINES.podman, state: 'missing' },
    { engine: ENGINES.docker, state: 'missing' },
  ];
  const d = containerDetection(statuses, CC);
  assert.equal(d.available, false);
  if (!d.available) {
    assert.match(d.reason, /runc: runc 1 \(\/r\) cannot run a container here: permission denied; crun: not installed/);
    assert.match(d.install, /runc/);
  }
  assert.equal(
    containerDetection([{ engine: ENGINES.runc, state: 'usable', path: '/r', version: '1', cleaned: [] }], null)
      .available,
    false,
  );
});

test("bundles of dead runs (<key>[-sN].<pid>, *.tmp-<pid>) and earlier versions' shared <key> bundles are swept; this run's and others are kept", async () => {
  const { mkdtemp, mkdir, readdir, writeFile } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { removeStaleBundles } = await import('../../runners/container/bundle.ts');
  const saved = process.env.XDG_CACHE_HOME;
  process.env.XDG_CACHE_HOME = await mkdtemp(join(tmpdir(), 'wasmbench-cache-'));
  try {
    const parent = join(process.env.XDG_CACHE_HOME, 'wasmbench', 'container', 'bundles');
    const old = '4513adde2f6b8a0a'; // an earlier version's shared bundle: no pid suffix
    const notOurs = '0123456789abcdef'; // the same shape, but not a config.json wasmbench wrote
    const noConfig = 'fedcba9876543210';
    const names = [
      `a.${DEAD_PID}`,
      `a-s3.${DEAD_PID}`,
      `b.${DEAD_PID}.tmp-${DEAD_PID}`,
      `c.${process.pid}`,
      `c-s1.${process.pid}`,
      'legacy',
      old,
      notOurs,
      noConfig,
    ];
    for (const n of names) await mkdir(join(parent, n), { recursive: true });
    await writeFile(join(parent, old, 'config.json'), JSON.stringify(ociConfig(join(parent, old, 'rootfs'), ['/x'])));
    await writeFile(join(parent, notOurs, 'config.json'), JSON.stringify({ hostname: 'someone' }));
    assert.deepEqual(
      (await removeStaleBundles()).sort(),
      [old, `a-s3.${DEAD_PID}`, `a.${DEAD_PID}`, `b.${DEAD_PID}.tmp-${DEAD_PID}`].sort(),
    );
    assert.deepEqual(
      (await readdir(parent)).sort(),
      [`c-s1.${process.pid}`, `c.${process.pid}`, noConfig, notOurs, 'legacy'].sort(),
    );
  } finally {
    if (saved === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = saved;
  }
});

test('throughput cgi plans the container in its warm state: one bundle, a fresh container per request', async () => {
  const { resolveConfig } = await import('../../core/config/resolve.ts');
  const { RunEventBus } = await import('../../core/events.ts');
  const { throughputSuite } = await import('../../suites/throughput/index.ts');
  const { containerAdapter } = await import('../../runners/container/adapter.ts');
  const statuses: EngineStatus[] = [
    { engine: ENGINES.runc, state: 'usable', path: '/usr/sbin/runc', version: '1.1.5', cleaned: [] },
  ];
  const plan = (cacheStates?: ('cold' | 'warm')[]) =>
    throughputSuite.plan({
      config: resolveConfig(
        {
          suites: ['throughput'],
          runtimes: ['container'],
          profile: 'quick',
          cacheStates,
          throughput: { variants: ['cgi'] },
        },
        { source: null, runId: 'test', seed: () => 1 },
      ),
      runtimes: [{ adapter: containerAdapter, detection: containerDetection(statuses, CC) }],
      timer: {} as never, // planning takes no sample
      bus: new RunEventBus(),
      workDir: '/nonexistent',
      signal: new AbortController().signal,
    });
  const [cgi] = await plan();
  assert.equal(cgi.header.id, 'throughput/cgi/container/aot');
  assert.equal(cgi.header.cacheState, 'warm');
  assert.equal(cgi.header.modeName, 'runc');
  const [onlyCold] = await plan(['cold']);
  assert.equal(onlyCold.header.cacheState, 'cold');
  assert.match(
    onlyCold.skipReason ?? '',
    /^skipped: the cgi server runs one container command per request with nothing reset between requests.* --cache-state warm$/,
  );
});
