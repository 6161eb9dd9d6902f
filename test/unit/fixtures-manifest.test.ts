import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  assertValidWasm,
  isValidWasm,
  loadFixture,
  loadFixtures,
  parseManifest,
  stripProtocolLines,
} from '../../core/workloads/manifest.ts';

const VALID = {
  name: 'demo',
  description: 'a test fixture',
  kind: 'compute',
  sources: ['main.c'],
  cflags: ['-O2'],
  defaultArgs: ['3', '2'],
  params: { n: 3, iterations: 2 },
  timeoutMs: 1000,
};

describe('stripProtocolLines', () => {
  test('removes @wb lines and keeps everything else byte for byte', () => {
    const out = '@wb main_entry_realtime_ns 1700000000000000000\nfib(27) = 196418\n@wb iter_ns 12\n';
    assert.equal(stripProtocolLines(out), 'fib(27) = 196418\n');
  });
  test('handles a last @wb line without newline and CRLF', () => {
    assert.equal(stripProtocolLines('a\n@wb iter_ns 5'), 'a\n');
    assert.equal(stripProtocolLines('@wb iter_ns 5\r\nb\r\n'), 'b\r\n');
  });
  test('keeps lines that only look similar', () => {
    const out = '@wbx 1\n @wb iter_ns 1\n@wb\nend\n';
    assert.equal(stripProtocolLines(out), out);
  });
  test('empty output stays empty', () => {
    assert.equal(stripProtocolLines(''), '');
    assert.equal(stripProtocolLines('@wb iter_ns 1\n@wb iter_ns 2\n'), '');
  });
});

describe('isValidWasm', () => {
  test('accepts the magic and version 1', () => {
    assert.equal(isValidWasm(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0])), true);
    assert.equal(isValidWasm(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 2, 3])), true);
  });
  test('rejects wrong magic, wrong version and short input', () => {
    assert.equal(isValidWasm(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 1, 0, 0, 0])), false);
    assert.equal(isValidWasm(new Uint8Array([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0])), false);
    assert.equal(isValidWasm(new Uint8Array([0, 0x61, 0x73, 0x6d])), false);
    assert.equal(isValidWasm(new Uint8Array([])), false);
  });
});

describe('parseManifest', () => {
  test('fills omitted flag arrays with []', () => {
    const m = parseManifest(VALID, 'demo/fixture.json');
    assert.deepEqual(m.wasmCflags, []);
    assert.deepEqual(m.nativeLdflags, []);
    assert.equal(m.external, undefined);
    assert.deepEqual(m.params, { n: 3, iterations: 2 });
  });
  const bad: Array<[string, Record<string, unknown>, RegExp]> = [
    ['bad kind', { ...VALID, kind: 'fast' }, /"kind" must be one of startup, compute, large/],
    ['unknown field', { ...VALID, cflag: ['-O3'] }, /unknown field\(s\) "cflag"/],
    ['non-string args', { ...VALID, defaultArgs: [27] }, /"defaultArgs" must be an array of strings/],
    ['no sources', { ...VALID, sources: [] }, /"sources" must name at least one file/],
    ['bad timeout', { ...VALID, timeoutMs: 0 }, /"timeoutMs" must be a positive integer/],
    [
      'npm range',
      { ...VALID, external: [{ file: 'x.c', npm: 'pkg@^1.0.0', path: 'x.c', sha256: 'a'.repeat(64) }] },
      /must be an exact "package@x.y.z"/,
    ],
    [
      'bad sha256',
      { ...VALID, external: [{ file: 'x.c', npm: 'pkg@1.0.0', path: 'x.c', sha256: 'xyz' }] },
      /sha256 must be 64 lower-case hex digits/,
    ],
  ];
  for (const [label, json, message] of bad) {
    test(`rejects ${label}, naming the file`, () => {
      assert.throws(
        () => parseManifest(json, '/x/demo/fixture.json'),
        (err: Error) => {
          assert.match(err.message, /\/x\/demo\/fixture\.json/);
          assert.match(err.message, message);
          return true;
        },
      );
    });
  }
});

describe('loader', () => {
  let root = '';
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'wasmbench-fixtures-'));
    await mkdir(join(root, 'demo'));
    await writeFile(join(root, 'demo', 'fixture.json'), JSON.stringify(VALID));
    await writeFile(join(root, 'demo', 'expected.stdout'), 'ok\n');
    await writeFile(join(root, 'demo', 'demo.wasm'), new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
    await mkdir(join(root, 'alpha'));
    await writeFile(join(root, 'alpha', 'fixture.json'), JSON.stringify({ ...VALID, name: 'alpha', kind: 'startup' }));
    await writeFile(join(root, 'alpha', 'expected.stdout'), '');
    await mkdir(join(root, 'include')); // not a fixture: no fixture.json
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  test('loads fixtures sorted by name with absolute paths', async () => {
    const fixtures = await loadFixtures(root);
    assert.deepEqual(
      fixtures.map((f) => f.name),
      ['alpha', 'demo'],
    );
    const demo = fixtures[1];
    assert.equal(demo.dir, join(root, 'demo'));
    assert.equal(demo.wasmPath, join(root, 'demo', 'demo.wasm'));
    assert.equal(demo.expectedStdout, 'ok\n');
    assertValidWasm(demo.wasmPath);
  });

  test('unknown name lists the valid ones', async () => {
    await assert.rejects(loadFixture('nope', root), /unknown fixture "nope"; valid fixtures: alpha, demo/);
  });

  test('assertValidWasm names the file and the rebuild command', () => {
    assert.throws(
      () => assertValidWasm(join(root, 'alpha', 'alpha.wasm')),
      (err: Error) => {
        assert.match(err.message, /alpha\.wasm/);
        assert.match(err.message, /wasmbench fixtures build alpha/);
        return true;
      },
    );
  });

  test('a bad manifest fails with the file named', async () => {
    const dir = join(root, 'broken');
    await mkdir(dir);
    await writeFile(join(dir, 'fixture.json'), JSON.stringify({ ...VALID, name: 'broken', kind: 'nope' }));
    try {
      await assert.rejects(loadFixtures(root), (err: Error) => {
        assert.match(err.message, /broken\/fixture\.json/);
        assert.match(err.message, /"kind"/);
        return true;
      });
      await writeFile(join(dir, 'fixture.json'), '{ not json');
      await assert.rejects(loadFixtures(root), /broken\/fixture\.json/);
      await writeFile(join(dir, 'fixture.json'), JSON.stringify({ ...VALID, name: 'other' }));
      await assert.rejects(loadFixtures(root), /"name" is "other" but the directory is "broken"/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('missing expected.stdout is an error unless allowUnbuilt', async () => {
    const dir = join(root, 'fresh');
    await mkdir(dir);
    await writeFile(join(dir, 'fixture.json'), JSON.stringify({ ...VALID, name: 'fresh' }));
    try {
      await assert.rejects(loadFixture('fresh', root), /expected\.stdout.*wasmbench fixtures build fresh/s);
      const fresh = await loadFixture('fresh', root, { allowUnbuilt: true });
      assert.equal(fresh.expectedStdout, '');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
