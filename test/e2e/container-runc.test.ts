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

async function specFor(name: string, args: string[]): Promise<RunSpec> {
  return {
    fixture: await loadFixture(name),
    args,
    env: {},
    mode: 'aot',
    modeName: 'runc',
    cacheState: 'cold',
    workDir: await mkdtemp(join(tmpdir(), 'wasmbench-runc-')),
  };
}

test('runc: hello in a fresh container prints its output and main-entry stamp; nothing is left in runc list', {
  timeout: 180_000,
  skip: await skipReason(),
}, async (t) => {
  const rt = await runcRuntime();
  if (typeof rt === 'string') return t.skip(`runc cannot run here: ${rt}`);
  const spec = await specFor('hello', []);
  const prepared = await containerAdapter.prepare(rt, spec);
  const timer = await createProcessTimer();
  try {
    for (let i = 0; i < 2; i++) {
      const command = containerAdapter.command(rt, spec, prepared);
      const sample = await timer.run({ argv: command.argv, timeoutMs: 30_000 });
      assert.ok(endedCleanly(sample), sample.stderr);
      const guest = parseGuestOutput(sample.stdout);
      assert.equal(guest.text, spec.fixture.expectedStdout);
      const entry = guest.values.get('main_entry_realtime_ns')?.[0];
      assert.ok(entry !== undefined && entry > sample.spawnRealtimeNs, 'main entry comes after the engine was spawned');
    }
  } finally {
    timer.close?.();
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
