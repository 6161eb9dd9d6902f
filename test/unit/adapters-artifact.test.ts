// Precompiled artifacts are keyed by engine version and binary: one built by
// another version is rebuilt, never trusted. Private cache dirs stay inside
// the case directory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  assertInside,
  directoryBytes,
  ensureArtifact,
  freshDir,
  type ArtifactRequest,
} from '../../runners/cli/artifact.ts';
import { locateCli } from '../../runners/cli/detect.ts';

async function setup() {
  const dir = await mkdtemp(join(tmpdir(), 'wasmbench-artifact-test-'));
  const wasm = join(dir, 'm.wasm');
  const bin = join(dir, 'engine');
  await writeFile(wasm, 'module-bytes');
  await writeFile(bin, 'engine-v1');
  const req: ArtifactRequest = {
    runtimeId: 'iwasm',
    engineVersion: '2.4.3',
    binaries: [bin],
    flags: [],
    wasmPath: wasm,
    fixtureName: 'm',
    ext: 'aot',
  };
  return { dir, wasm, bin, req, root: join(dir, 'cache') };
}

test('an artifact is built once and reused while version, binary and module match', async () => {
  const { dir, req, root } = await setup();
  let builds = 0;
  const build = async (out: string) => {
    builds++;
    await writeFile(out, `aot#${builds}`);
  };
  const first = await ensureArtifact(req, build, root);
  const again = await ensureArtifact(req, build, root);
  assert.equal(builds, 1);
  assert.equal(again.path, first.path);
  assert.match(again.note, /reused/);
  assert.equal(first.bytes, 'aot#1'.length);
  await rm(dir, { recursive: true, force: true });
});

test('another engine version, another binary or another module gets a new artifact', async () => {
  const { dir, req, bin, wasm, root } = await setup();
  let builds = 0;
  const build = async (out: string) => {
    builds++;
    await writeFile(out, `aot#${builds}`);
  };
  const v1 = await ensureArtifact(req, build, root);
  const v2 = await ensureArtifact({ ...req, engineVersion: '2.5.0' }, build, root);
  assert.notEqual(v2.path, v1.path);
  assert.equal(builds, 2);
  await writeFile(bin, 'engine-v1-rebuilt-same-version');
  await utimes(bin, new Date(), new Date(Date.now() + 5000));
  await ensureArtifact(req, build, root);
  assert.equal(builds, 3, 'a different binary with the same version string (a `dev` build) rebuilds');
  await writeFile(wasm, 'other-module');
  await ensureArtifact(req, build, root);
  assert.equal(builds, 4);
  await rm(dir, { recursive: true, force: true });
});

test('a tampered stamp is not trusted: the artifact is rebuilt', async () => {
  const { dir, req, root } = await setup();
  let builds = 0;
  const build = async (out: string) => {
    builds++;
    await writeFile(out, `aot#${builds}`);
  };
  const first = await ensureArtifact(req, build, root);
  const stamp = JSON.parse(await readFile(`${first.path}.stamp.json`, 'utf8'));
  await writeFile(`${first.path}.stamp.json`, JSON.stringify({ ...stamp, engineVersion: '1.0.0' }));
  const second = await ensureArtifact(req, build, root);
  assert.equal(builds, 2);
  assert.match(second.note, /built/);
  await rm(dir, { recursive: true, force: true });
});

test('a failed build leaves no artifact behind', async () => {
  const { dir, req, root } = await setup();
  await assert.rejects(
    ensureArtifact(
      req,
      async (out) => {
        await writeFile(out, 'half');
        throw new Error('compiler crashed');
      },
      root,
    ),
    /compiler crashed/,
  );
  let builds = 0;
  await ensureArtifact(
    req,
    async (out) => {
      builds++;
      await writeFile(out, 'ok');
    },
    root,
  );
  assert.equal(builds, 1);
  await rm(dir, { recursive: true, force: true });
});

test('freshDir empties a private cache inside the case dir and refuses anything outside', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'wasmbench-fresh-test-'));
  const cache = join(dir, 'cache');
  await freshDir(dir, cache);
  await writeFile(join(cache, 'entry'), '12345');
  assert.equal(await directoryBytes(cache), 5);
  await freshDir(dir, cache);
  assert.equal(await directoryBytes(cache), 0);
  assert.ok((await stat(cache)).isDirectory());
  assert.throws(() => assertInside(dir, join(dir, '..', 'elsewhere')), /not inside/);
  assert.throws(() => assertInside(dir, dir), /not inside/);
  await rm(dir, { recursive: true, force: true });
});

test('locateCli: an env var override must name an executable; PATH is the fallback', async () => {
  const identity = { id: 'fake', envVar: 'WASMBENCH_FAKE', names: ['wasmbench-no-such-binary'], install: 'x' };
  const missing = await locateCli(identity, {});
  assert.equal(missing.ok, false);
  assert.match(!missing.ok ? missing.reason : '', /no wasmbench-no-such-binary on PATH \(or set \$WASMBENCH_FAKE/);
  const bad = await locateCli(identity, { WASMBENCH_FAKE: '/nonexistent/fake' });
  assert.match(!bad.ok ? bad.reason : '', /\$WASMBENCH_FAKE=\/nonexistent\/fake is not an executable/);
  const good = await locateCli(identity, { WASMBENCH_FAKE: process.execPath });
  assert.deepEqual(good, { ok: true, path: process.execPath });
});
