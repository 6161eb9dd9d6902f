// The wasmer, wasmedge, wasm3, iwasm and wazero adapters against real
// binaries: each test runs when the CLI is on PATH (or named by
// $WASMBENCH_<ID>) and is skipped otherwise. Broken CLIs are simulated with
// tiny shell scripts, so those tests always run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { locateCli } from '../../runners/cli/detect.ts';
import { probe } from '../../runners/cli/probe.ts';
import { loadFixture } from '../../core/workloads/manifest.ts';
import { iwasmAdapter, IWASM } from '../../runners/iwasm.ts';
import { wasm3Adapter, WASM3 } from '../../runners/wasm3.ts';
import { wasmedgeAdapter, WASMEDGE } from '../../runners/wasmedge.ts';
import { wasmerAdapter, WASMER } from '../../runners/wasmer.ts';
import { wazeroAdapter, WAZERO } from '../../runners/wazero.ts';
import type { CliIdentity } from '../../runners/cli/detect.ts';
import type { AvailableRuntime, RuntimeAdapter } from '../../runners/types.ts';

const BIN = fileURLToPath(new URL('../../bin/wasmbench.mjs', import.meta.url));
const ADAPTERS: [RuntimeAdapter, CliIdentity][] = [
  [wasmerAdapter, WASMER],
  [wasmedgeAdapter, WASMEDGE],
  [wasm3Adapter, WASM3],
  [iwasmAdapter, IWASM],
  [wazeroAdapter, WAZERO],
];

for (const [adapter, identity] of ADAPTERS) {
  test(`${identity.id}: detect, then run hello in every mode and cache state`, { timeout: 600_000 }, async (t) => {
    const found = await locateCli(identity);
    if (!found.ok) return t.skip(`${identity.id} not installed: ${found.reason}`);
    const detection = await adapter.detect();
    assert.ok(detection.available, `detect failed: ${!detection.available ? detection.reason : ''}`);
    const runtime = detection as AvailableRuntime;
    assert.match(runtime.version, /^(\d+\.\d+\.\d+|dev)/);
    assert.ok(runtime.modes.length > 0);
    const fixture = await loadFixture('hello');
    for (const mode of runtime.modes) {
      for (const cacheState of mode.cacheStates) {
        const workDir = await mkdtemp(join(tmpdir(), `wasmbench-${identity.id}-`));
        const spec = { fixture, args: [], env: {}, mode: mode.mode, cacheState, workDir };
        const prepared = await adapter.prepare(runtime, spec);
        await adapter.reset?.(runtime, spec);
        const command = adapter.command(runtime, spec, prepared);
        assert.ok(command.argv[0].startsWith('/'), 'argv[0] is an absolute path');
        const result = await probe(command.argv, { cwd: command.cwd ?? workDir, env: command.env, timeoutMs: 60_000 });
        assert.ok(result.ok, `${mode.mode}/${cacheState}: ${command.argv.join(' ')}: ${result.stderr}`);
        assert.match(result.stdout, /Hello, world!/);
        assert.match(result.stdout, /^@wb main_entry_realtime_ns \d+$/m);
        if (cacheState === 'precompiled') assert.ok((prepared.artifactBytes ?? 0) > 0, 'the artifact size is recorded');
        await rm(workDir, { recursive: true, force: true });
      }
    }
  });
}

async function fakeCli(script: string): Promise<{ dir: string; path: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'wasmbench-fake-cli-'));
  const path = join(dir, 'fake');
  await writeFile(path, `#!/bin/sh\n${script}\n`);
  await chmod(path, 0o755);
  return { dir, path };
}

async function detectWith(adapter: RuntimeAdapter, envVar: string, path: string) {
  const saved = process.env[envVar];
  process.env[envVar] = path;
  try {
    return await adapter.detect();
  } finally {
    if (saved === undefined) delete process.env[envVar];
    else process.env[envVar] = saved;
  }
}

test('a CLI with unrecognisable version output is unavailable, with the output quoted', async () => {
  const { dir, path } = await fakeCli('echo "hello from something else"');
  for (const [adapter, identity] of ADAPTERS) {
    const d = await detectWith(adapter, identity.envVar, path);
    assert.equal(d.available, false, identity.id);
    assert.match(
      !d.available ? d.reason : '',
      /printed no version we recognise: "hello from something else"/,
      identity.id,
    );
    assert.match(
      !d.available ? d.install : '',
      new RegExp(`\\$${identity.envVar}`),
      'the hint says how to point at a working binary',
    );
  }
  await rm(dir, { recursive: true, force: true });
});

test('a CLI that crashes on start is unavailable, with the signal', async () => {
  const { dir, path } = await fakeCli('kill -SEGV $$');
  const d = await detectWith(wasm3Adapter, 'WASMBENCH_WASM3', path);
  assert.equal(d.available, false);
  assert.match(!d.available ? d.reason : '', /failed \(killed by SIGSEGV\)/);
  await rm(dir, { recursive: true, force: true });
});

test('a CLI whose version is fine but that cannot run a module has no working tier', async () => {
  const { dir, path } = await fakeCli(
    'if [ "$1" = "--version" ]; then echo "iwasm 2.4.3"; exit 0; fi\necho "Error: cannot load module" >&2; exit 1',
  );
  const d = await detectWith(iwasmAdapter, 'WASMBENCH_IWASM', path);
  assert.equal(d.available, false);
  assert.match(
    !d.available ? d.reason : '',
    /could not run a module in any tier: .*interpreter \(fast-interp\) skipped: exit code 1: Error: cannot load module/,
  );
  assert.equal(!d.available ? d.version : '', '2.4.3');
  await rm(dir, { recursive: true, force: true });
});

test('wasmbench run: every CLI on PATH runs the startup suite with ok cases', { timeout: 900_000 }, async (t) => {
  const present: string[] = [];
  for (const [, identity] of ADAPTERS) if ((await locateCli(identity)).ok) present.push(identity.id);
  if (present.length === 0) return t.skip('none of wasmer, wasmedge, wasm3, iwasm, wazero is installed');
  const out = await mkdtemp(join(tmpdir(), 'wasmbench-adapters-run-'));
  const r = spawnSync(
    process.execPath,
    [
      BIN,
      'run',
      '--suite',
      'startup',
      '--runtime',
      present.join(','),
      '--fixture',
      'hello',
      '--iterations',
      '2',
      '--warmups',
      '0',
      '--out',
      out,
    ],
    { encoding: 'utf8', env: { ...process.env, CI: 'true' } },
  );
  const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as {
    cases: { runtime: string; status: string; reason?: string; id: string }[];
  };
  for (const id of present) {
    const cases = results.cases.filter((c) => c.runtime === id);
    assert.ok(cases.length > 0, `${id} has cases`);
    // A tier this build lacks is a skipped case with its reason; everything else must be ok.
    for (const c of cases) {
      if (c.status === 'skipped') assert.match(c.reason ?? '', /build lacks/, c.id);
      else assert.equal(c.status, 'ok', `${c.id}: ${c.reason ?? ''}\n${r.stderr.slice(-500)}`);
    }
    assert.ok(
      cases.some((c) => c.status === 'ok'),
      `${id} has ok cases`,
    );
  }
  await rm(out, { recursive: true, force: true });
});
