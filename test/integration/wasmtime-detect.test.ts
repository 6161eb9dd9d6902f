import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wasmtimeAdapter } from '../../runners/wasmtime/adapter.ts';

/** Detect with a stand-in `wasmtime` script, forcing the CLI host. */
async function detectWith(script: string) {
  const dir = await mkdtemp(join(tmpdir(), 'wb-fake-wasmtime-'));
  const bin = join(dir, 'wasmtime');
  await writeFile(bin, `#!/bin/sh\n${script}\n`);
  await chmod(bin, 0o755);
  const saved = { bin: process.env.WASMBENCH_WASMTIME, host: process.env.WASMBENCH_WASMTIME_HOST };
  process.env.WASMBENCH_WASMTIME = bin;
  process.env.WASMBENCH_WASMTIME_HOST = 'cli';
  try {
    return await wasmtimeAdapter.detect();
  } finally {
    for (const [key, value] of [
      ['WASMBENCH_WASMTIME', saved.bin],
      ['WASMBENCH_WASMTIME_HOST', saved.host],
    ] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await rm(dir, { recursive: true, force: true });
  }
}

test('a CLI that crashes on --version is reported with the reason', async () => {
  const d = await detectWith('echo "segfault" >&2; exit 139');
  assert.equal(d.available, false);
  assert.equal(d.host, 'cli');
  if (!d.available) assert.match(d.reason, /--version failed/);
});

test('a CLI without a version number is reported, not guessed', async () => {
  const d = await detectWith('echo "wasmtime dev"');
  assert.equal(d.available, false);
  if (!d.available) assert.match(d.reason, /cannot find a version/);
});

test('modes a build lacks are skipped with the reason (v24: no Pulley; this build: no Winch)', async () => {
  const d = await detectWith(
    [
      'if [ "$1" = "--version" ]; then echo "wasmtime-cli 24.0.0"; exit 0; fi',
      'case "$*" in *compiler=winch*) echo "Error: winch support not compiled in" >&2; exit 1;; esac',
      'exit 0',
    ].join('\n'),
  );
  assert.equal(d.available, true);
  if (!d.available) return;
  assert.equal(d.version, '24.0.0');
  assert.deepEqual(
    d.modes.map((m) => m.mode),
    ['optimizing'],
  );
  assert.ok(d.notes.some((n) => /interpreter \(pulley\) skipped: wasmtime 24\.0\.0 has no pulley flag/.test(n)));
  assert.ok(d.notes.some((n) => /baseline \(winch\) skipped: Error: winch support not compiled in/.test(n)));
});

test('without the CLI or the bindings: unavailable, with the pip install hint', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'wb-fake-python-'));
  const python = join(dir, 'python3');
  await writeFile(python, `#!/bin/sh\necho "ModuleNotFoundError: No module named 'wasmtime'" >&2\nexit 1\n`);
  await chmod(python, 0o755);
  const saved = { py: process.env.WASMBENCH_PYTHON, host: process.env.WASMBENCH_WASMTIME_HOST };
  process.env.WASMBENCH_PYTHON = python;
  process.env.WASMBENCH_WASMTIME_HOST = 'embed-python';
  try {
    const d = await wasmtimeAdapter.detect();
    assert.equal(d.available, false);
    assert.equal(d.host, 'embed-python');
    if (!d.available) {
      assert.match(d.reason, /Python bindings are not installed/);
      assert.match(d.install, /pip install wasmtime/);
    }
  } finally {
    for (const [key, value] of [
      ['WASMBENCH_PYTHON', saved.py],
      ['WASMBENCH_WASMTIME_HOST', saved.host],
    ] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await rm(dir, { recursive: true, force: true });
  }
});
