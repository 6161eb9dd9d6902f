/**
 * ARM64 without an ARM64 machine: the native adapter's cross path. With
 * CC=aarch64-linux-gnu-gcc and WASMBENCH_NATIVE_EXEC="<qemu-aarch64> -L
 * /usr/aarch64-linux-gnu", the noop and hello fixtures are built for aarch64,
 * recorded as arm64, and run (under qemu-user) through the same timer and
 * output check as any sample. Skipped when the tools are absent
 * (apt-get install qemu-user gcc-aarch64-linux-gnu).
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { which } from '../../runners/which.ts';
import { nativeAdapter } from '../../runners/native.ts';
import { loadFixture } from '../../core/workloads/manifest.ts';
import { createProcessTimer } from '../../core/process/timer.ts';
import { evaluateGuestSample } from '../../suites/guest-sample.ts';

const EM_AARCH64 = 183;
const [qemu, cross] = await Promise.all([which('qemu-aarch64'), which('aarch64-linux-gnu-gcc')]);
const missing = !qemu
  ? 'qemu-aarch64 not installed (apt-get install qemu-user)'
  : !cross
    ? 'aarch64-linux-gnu-gcc not installed (apt-get install gcc-aarch64-linux-gnu)'
    : null;

async function elfMachine(path: string): Promise<number> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(20);
    await fh.read(buf, 0, 20, 0);
    assert.equal(buf.subarray(0, 4).toString('latin1'), '\x7fELF');
    return buf.readUInt16LE(18);
  } finally {
    await fh.close();
  }
}

describe('native adapter cross path (aarch64 via qemu-user)', { skip: missing ?? false }, () => {
  const saved = { CC: process.env.CC, EXEC: process.env.WASMBENCH_NATIVE_EXEC };
  let workDir: string;
  before(async () => {
    process.env.CC = cross!;
    process.env.WASMBENCH_NATIVE_EXEC = `${qemu} -L /usr/aarch64-linux-gnu`;
    workDir = await mkdtemp(join(tmpdir(), 'wasmbench-arm64-'));
  });
  after(async () => {
    for (const [key, value] of [
      ['CC', saved.CC],
      ['WASMBENCH_NATIVE_EXEC', saved.EXEC],
    ] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await rm(workDir, { recursive: true, force: true });
  });

  for (const name of ['noop', 'hello']) {
    it(`builds ${name} for aarch64, records arm64, and runs it with the expected output`, async () => {
      const detection = await nativeAdapter.detect();
      assert.ok(detection.available, JSON.stringify(detection));
      assert.equal(detection.arch, 'arm64');
      const fixture = await loadFixture(name);
      const spec = {
        fixture,
        args: fixture.defaultArgs,
        env: {},
        mode: 'aot' as const,
        cacheState: 'precompiled' as const,
        workDir,
      };
      const prepared = await nativeAdapter.prepare(detection, spec);
      assert.equal(await elfMachine(prepared.artifactPath), EM_AARCH64);
      assert.match(prepared.artifactPath, /native\/arm64\//);
      const command = nativeAdapter.command(detection, spec, prepared);
      assert.deepEqual(command.argv.slice(0, 3), [qemu, '-L', '/usr/aarch64-linux-gnu']);
      const timer = await createProcessTimer();
      const sample = await timer.run({ argv: command.argv, env: command.env, cwd: workDir, timeoutMs: 30_000 });
      const { outcome } = evaluateGuestSample(sample, fixture.expectedStdout, 30_000);
      assert.ok(outcome.ok, JSON.stringify(outcome));
      assert.ok((outcome.metrics.wallNs as number) > 0);
    });
  }
});
