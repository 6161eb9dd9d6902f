import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  assertInside,
  casePaths,
  emptyCache,
  ensureArtifact,
  stampMatches,
  writeCacheConfig,
} from '../../runners/wasmtime/cache.ts';

const STAMP = { host: 'embed-python', engineVersion: '49.0.0', flags: ['--strategy', 'winch'], wasmSha256: 'ab' };

test('stamps match only on the same host, engine version, flags and module', () => {
  assert.equal(stampMatches({ ...STAMP }, STAMP), true);
  assert.equal(stampMatches({ ...STAMP, engineVersion: '48.0.0' }, STAMP), false);
  assert.equal(stampMatches({ ...STAMP, flags: ['--strategy', 'cranelift'] }, STAMP), false);
  assert.equal(stampMatches({ ...STAMP, wasmSha256: 'cd' }, STAMP), false);
  assert.equal(stampMatches(null, STAMP), false);
});

test('nothing outside the case directory is ever cleared', () => {
  assert.throws(() => assertInside('/tmp/case', '/home/user/.cache/wasmtime'), /refusing/);
  assert.throws(() => assertInside('/tmp/case', '/tmp/case'), /refusing/);
  assert.doesNotThrow(() => assertInside('/tmp/case', '/tmp/case/wasmtime-cache'));
});

test('an artifact from another engine version is rebuilt, a matching one reused', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'wb-wasmtime-cache-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const paths = casePaths(dir, 'fib');
  let builds = 0;
  const build = async () => {
    builds++;
    await writeFile(paths.artifact, 'x'.repeat(10 + builds));
  };
  await writeFile(paths.artifact, 'old');
  await writeFile(paths.stamp, JSON.stringify({ ...STAMP, engineVersion: '48.0.0' }));
  const first = await ensureArtifact(paths, STAMP, build);
  assert.equal(builds, 1);
  assert.match(first.note, /rebuilt: the existing artifact came from embed-python 48\.0\.0/);
  assert.equal(first.bytes, 11);
  const second = await ensureArtifact(paths, STAMP, build);
  assert.equal(builds, 1);
  assert.match(second.note, /reused/);
  assert.deepEqual(JSON.parse(await readFile(paths.stamp, 'utf8')), STAMP);
});

test('a cold sample starts from an empty private cache', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'wb-wasmtime-cache-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const paths = casePaths(dir, 'fib');
  await writeCacheConfig(paths, '[cache]\n');
  await writeFile(join(paths.cacheDir, 'entry'), 'compiled');
  await emptyCache(dir, paths);
  assert.deepEqual(await readdir(paths.cacheDir), []);
});
