// The container runtime's cache states against FAKE engines (Node scripts
// that log their argv): `warm` makes one bundle (image) before the samples
// and times it three times as precompileNs; `cold` makes a fresh bundle (and
// for podman a fresh image) in reset() before each sample and removes it in
// afterSample(). No engine runs a container here: the runtime is built by
// hand, so only the static build and the files are real.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadFixture } from '../../core/workloads/manifest.ts';
import { containerAdapter } from '../../runners/container/adapter.ts';
import { nativeAdapter } from '../../runners/native.ts';
import type { AvailableRuntime, CacheState, RunSpec } from '../../runners/types.ts';

const FAKE = `#!/usr/bin/env node
require('node:fs').appendFileSync(process.env.FAKE_LOG, JSON.stringify(process.argv.slice(2)) + '\\n');
`;

async function fakeEngine(name: string): Promise<{ bin: string; log: string }> {
  const dir = await mkdtemp(join(tmpdir(), `wasmbench-fake-${name}-`));
  await writeFile(join(dir, name), FAKE);
  await chmod(join(dir, name), 0o755);
  return { bin: join(dir, name), log: join(dir, 'log') };
}

async function calls(log: string): Promise<string[][]> {
  return (await readFile(log, 'utf8').catch(() => ''))
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as string[]);
}

function runtimeFor(engine: string, bin: string): AvailableRuntime {
  const modes = [{ mode: 'aot' as const, modeName: engine, flags: [], cacheStates: ['cold', 'warm'] as CacheState[] }];
  return {
    available: true,
    id: 'container',
    host: 'cli',
    path: bin,
    version: 'fake',
    arch: process.arch,
    modes,
    notes: [],
  };
}

async function specFor(engine: string, cacheState: CacheState): Promise<RunSpec> {
  return {
    fixture: await loadFixture('noop'),
    args: [],
    env: {},
    mode: 'aot',
    modeName: engine,
    cacheState,
    workDir: await mkdtemp(join(tmpdir(), 'wasmbench-ctr-state-')),
  };
}

async function withEnv<T>(env: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    return await fn();
  } finally {
    for (const key of Object.keys(env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

const hasCompiler = (await nativeAdapter.detect()).available;

test('runc cold: a fresh bundle per sample, made by reset() and removed by afterSample(); no precompileNs', {
  timeout: 120_000,
  skip: hasCompiler ? false : 'no C compiler for the static build',
}, async () => {
  const fake = await fakeEngine('runc');
  await withEnv({ WASMBENCH_RUNC: fake.bin, FAKE_LOG: fake.log }, async () => {
    const rt = runtimeFor('runc', fake.bin);
    const spec = await specFor('runc', 'cold');
    const prepared = await containerAdapter.prepare(rt, spec);
    assert.equal(prepared.preparation, undefined, 'cold reuses nothing, so there is no one-time preparation');
    const first = containerAdapter.command(rt, spec, prepared).argv[3];
    const bundles: string[] = [];
    for (let i = 0; i < 2; i++) {
      await containerAdapter.reset!(rt, spec);
      const bundle = containerAdapter.command(rt, spec, prepared).argv[3];
      assert.ok(existsSync(join(bundle, 'config.json')), 'the sample has its bundle');
      assert.ok(existsSync(join(bundle, 'rootfs', 'noop')));
      assert.ok(!bundles.includes(bundle) && bundle !== first, 'a bundle no sample used before');
      await containerAdapter.afterSample!(rt, spec);
      assert.equal(existsSync(bundle), false, 'removed after its sample');
      bundles.push(bundle);
    }
    assert.equal(existsSync(first), false, "prepare()'s bundle is replaced by the first sample's");
    assert.throws(() => containerAdapter.command(rt, spec, prepared), /between samples/);
    assert.deepEqual(await calls(fake.log), [], 'making and removing bundles runs no engine command');
  });
});

test('runc: a cold and a warm case of one fixture never share a bundle (cold samples leave the warm bundle alone)', {
  timeout: 120_000,
  skip: hasCompiler ? false : 'no C compiler for the static build',
}, async () => {
  const fake = await fakeEngine('runc');
  await withEnv({ WASMBENCH_RUNC: fake.bin, FAKE_LOG: fake.log }, async () => {
    const rt = runtimeFor('runc', fake.bin);
    const warmSpec = await specFor('runc', 'warm');
    const coldSpec = await specFor('runc', 'cold');
    const warm = await containerAdapter.prepare(rt, warmSpec);
    const cold = await containerAdapter.prepare(rt, coldSpec);
    const warmBundle = containerAdapter.command(rt, warmSpec, warm).argv[3];
    assert.notEqual(containerAdapter.command(rt, coldSpec, cold).argv[3], warmBundle);
    for (let i = 0; i < 2; i++) {
      await containerAdapter.reset!(rt, coldSpec);
      await containerAdapter.afterSample!(rt, coldSpec);
    }
    assert.ok(existsSync(join(warmBundle, 'config.json')), 'the warm bundle is still there');
  });
});

test('podman warm: one image imported before the samples, the import timed 3 times; cold: an image per sample, removed after', {
  timeout: 120_000,
  skip: hasCompiler ? false : 'no C compiler for the static build',
}, async () => {
  const fake = await fakeEngine('podman');
  await withEnv({ WASMBENCH_PODMAN: fake.bin, FAKE_LOG: fake.log }, async () => {
    const rt = runtimeFor('podman', fake.bin);
    const warmSpec = await specFor('podman', 'warm');
    const warm = await containerAdapter.prepare(rt, warmSpec);
    assert.equal(warm.preparation?.wallNs.length, 3);
    assert.match(warm.preparation.note, /`podman import`/);
    const imports = (await calls(fake.log)).filter((c) => c[0] === 'import');
    assert.equal(imports.length, 3, 'each timed preparation imports');
    const image = containerAdapter.command(rt, warmSpec, warm).argv.at(-2)!;
    assert.equal(imports.at(-1)!.at(-1), image, 'the samples run the last import');
    assert.equal(containerAdapter.command(rt, warmSpec, warm).argv.at(-2), image, 'every warm sample: the same image');
    await containerAdapter.reset!(rt, warmSpec); // warm: nothing to redo
    await containerAdapter.afterSample!(rt, warmSpec);
    assert.equal((await calls(fake.log)).filter((c) => c[0] === 'import').length, 3);

    const coldSpec = await specFor('podman', 'cold');
    const cold = await containerAdapter.prepare(rt, coldSpec);
    const before = (await calls(fake.log)).length;
    await containerAdapter.reset!(rt, coldSpec);
    const sampleImage = containerAdapter.command(rt, coldSpec, cold).argv.at(-2)!;
    await containerAdapter.afterSample!(rt, coldSpec);
    const during = (await calls(fake.log)).slice(before).map((c) => c.join(' '));
    assert.ok(
      during.some((c) => c.startsWith('import ') && c.endsWith(sampleImage)),
      `the sample's own image is imported: ${during}`,
    );
    assert.equal(during.at(-1), `rmi --force ${sampleImage}`, 'and removed after the sample');
    assert.match(sampleImage, /-s1\.\d+$/);
  });
});
