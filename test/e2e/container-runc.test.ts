// The container adapter with the real runc: a hello container runs with the
// expected output and the guest's main-entry stamp, and a hung container is
// killed and deleted whole. Skipped (with the reason) when not root or when
// runc is missing or cannot run a container here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadFixture } from '../../core/workloads/manifest.ts';
import { probe } from '../../runners/cli/probe.ts';
import { containerAdapter } from '../../runners/container/adapter.ts';
import { createProcessTimer } from '../../core/process/timer.ts';
import { parseGuestOutput } from '../../core/protocol.ts';
import { endedCleanly, runCleanup } from '../../suites/guest-sample.ts';
import { which } from '../../runners/which.ts';
import { expectedResponse, handlerFixture, REQUEST_BODY } from '../../suites/throughput/expected.ts';
import { fetchOnce } from '../../suites/throughput/sample.ts';
import { startServer } from '../../suites/throughput/server-process.ts';
import { cgiServerSpec } from '../../suites/throughput/variants.ts';
import type { AvailableRuntime, Detection, RunSpec } from '../../runners/types.ts';

async function skipReason(): Promise<string | false> {
  if (process.getuid?.() !== 0) return 'not root: runc needs root here (rootless runc needs a user namespace)';
  if (!(await which('runc'))) return 'runc not installed (apt-get install runc; .ci/run installs it)';
  return false;
}

let detected: Promise<Detection> | null = null;
async function runcRuntime(): Promise<AvailableRuntime | string> {
  detected ??= containerAdapter.detect();
  const d = await detected;
  if (!d.available) return d.reason;
  if (!d.modes.some((m) => m.modeName === 'runc'))
    return d.unsupportedModes?.find((m) => m.modeName === 'runc')?.reason ?? 'runc unusable';
  return d;
}

async function ourContainers(): Promise<string[]> {
  const listed = await probe(['runc', 'list', '--quiet']);
  return listed.stdout.split('\n').filter((n) => n.startsWith(`wasmbench-${process.pid}-`));
}

async function specFor(name: string, args: string[], cacheState: RunSpec['cacheState'] = 'cold'): Promise<RunSpec> {
  return {
    fixture: await loadFixture(name),
    args,
    env: {},
    mode: 'aot',
    modeName: 'runc',
    cacheState,
    workDir: await mkdtemp(join(tmpdir(), 'wasmbench-runc-')),
  };
}

for (const cacheState of ['cold', 'warm'] as const) {
  test(`runc ${cacheState}: hello in a fresh container prints its output and main-entry stamp; nothing is left in runc list`, {
    timeout: 180_000,
    skip: await skipReason(),
  }, async (t) => {
    const rt = await runcRuntime();
    if (typeof rt === 'string') return t.skip(`runc cannot run here: ${rt}`);
    const spec = await specFor('hello', [], cacheState);
    const prepared = await containerAdapter.prepare(rt, spec);
    const timer = await createProcessTimer();
    const bundles = new Set<string>();
    try {
      for (let i = 0; i < 2; i++) {
        await containerAdapter.reset!(rt, spec);
        const command = containerAdapter.command(rt, spec, prepared);
        bundles.add(command.argv[3]);
        const sample = await timer.run({ argv: command.argv, timeoutMs: 30_000 });
        await containerAdapter.afterSample!(rt, spec);
        assert.ok(endedCleanly(sample), sample.stderr);
        const guest = parseGuestOutput(sample.stdout);
        assert.equal(guest.text, spec.fixture.expectedStdout);
        const entry = guest.values.get('main_entry_realtime_ns')?.[0];
        assert.ok(
          entry !== undefined && entry > sample.spawnRealtimeNs,
          'main entry comes after the engine was spawned',
        );
      }
    } finally {
      timer.close?.();
    }
    assert.equal(bundles.size, cacheState === 'cold' ? 2 : 1, 'cold: a bundle per sample; warm: one for all');
    assert.deepEqual(await ourContainers(), []);
  });
}

test('runc warm through the cgi server: a fresh container per request gives the checked answer', {
  timeout: 180_000,
  skip: await skipReason(),
}, async (t) => {
  const rt = await runcRuntime();
  if (typeof rt === 'string') return t.skip(`runc cannot run here: ${rt}`);
  const spec = { ...(await specFor('handler', ['cgi', '16'], 'warm')), fixture: await handlerFixture() };
  const prepared = await containerAdapter.prepare(rt, spec);
  const limits = { maxLifetimeMs: 120_000, exitOnStdinClose: true, port: 0, requestTimeoutMs: 30_000 };
  const server = await startServer(
    cgiServerSpec(containerAdapter.command(rt, spec, prepared), spec.workDir, limits),
    30_000,
  );
  try {
    for (let i = 0; i < 2; i++)
      assert.deepEqual(await fetchOnce(server.port, REQUEST_BODY, 30_000), { status: 200, body: expectedResponse(16) });
  } finally {
    await server.stop();
  }
  assert.deepEqual(await ourContainers(), []);
});

test('runc: a hung container is killed and deleted whole after the timeout', {
  timeout: 180_000,
  skip: await skipReason(),
}, async (t) => {
  const rt = await runcRuntime();
  if (typeof rt === 'string') return t.skip(`runc cannot run here: ${rt}`);
  const spec = await specFor('sleep', ['relative', '1000000000', '60']);
  const prepared = await containerAdapter.prepare(rt, spec);
  const command = containerAdapter.command(rt, spec, prepared);
  const timer = await createProcessTimer();
  const sample = await timer.run({ argv: command.argv, timeoutMs: 1500 }).finally(() => timer.close?.());
  assert.equal(sample.timedOut, true);
  assert.equal(await runCleanup(command.cleanupArgv!), null);
  assert.deepEqual(await ourContainers(), [], 'no container of this run is left');
  const state = await probe(['runc', 'state', command.argv[4]]);
  assert.equal(state.ok, false, 'runc no longer knows the container');
});
