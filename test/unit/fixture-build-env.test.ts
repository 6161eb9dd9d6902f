/** The fixture build's PATH: clang runs any wasm-opt it finds, so builds must not see one. */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildEnv } from '../../core/workloads/compile.ts';

test('buildEnv drops every PATH directory that holds a wasm-opt and keeps the rest in order', async () => {
  const withOpt = await mkdtemp(join(tmpdir(), 'wb-path-opt-'));
  const without = await mkdtemp(join(tmpdir(), 'wb-path-plain-'));
  try {
    await writeFile(join(withOpt, 'wasm-opt'), '');
    const env = buildEnv({ PATH: [withOpt, '/usr/bin', without, withOpt].join(':'), CC: 'gcc' });
    assert.equal(env.PATH, ['/usr/bin', without].join(':'));
    assert.equal(env.CC, 'gcc');
  } finally {
    await rm(withOpt, { recursive: true, force: true });
    await rm(without, { recursive: true, force: true });
  }
});
