/** `wasmbench ab` end to end with Node's WASI host as both "builds" (an A/A run) and a broken head. */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ResultsFile } from '../../core/results/model.ts';
import { parseResults } from '../../core/results/read.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/wasmbench.mjs');
const HOST = `${process.execPath} ${join(ROOT, 'runners/hosts/node-wasi-host.mjs')}`;
let tmp: string;

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: tmp,
    encoding: 'utf8',
    env: { ...process.env, GITHUB_ACTIONS: '', GITHUB_STEP_SUMMARY: '', CI: '1' },
    timeout: 300_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const read = (path: string): ResultsFile => parseResults(JSON.parse(readFileSync(path, 'utf8')), path);

before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'wasmbench-ab-'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('wasmbench ab', () => {
  it('interleaves base, head and the native twin, writes two pairable results files', () => {
    const r = cli([
      'ab',
      HOST,
      HOST,
      '--fixture',
      'noop',
      '--iterations',
      '4',
      '--warmups',
      '1',
      '--seed',
      '7',
      '--out',
      'ab',
      '--gate',
    ]);
    // 4 rounds < the gate's 5-sample minimum: deterministically "inconclusive", never "regressed".
    assert.equal(r.code, 4, r.stderr + r.stdout);
    const base = read(join(tmp, 'ab/base/results.json'));
    const head = read(join(tmp, 'ab/head/results.json'));
    assert.deepEqual(
      base.cases.map((c) => c.id),
      head.cases.map((c) => c.id),
    );
    const ab = base.cases.find((c) => c.runtime === 'ab')!;
    assert.equal(ab.id, 'startup/ab/tiered/cold/noop');
    assert.equal(ab.status, 'ok', ab.reason);
    assert.equal(ab.metrics.wallNs.samples.length, 4);
    assert.equal(ab.params.abRounds, true);
    assert.notDeepEqual(ab.metrics.wallNs.samples, head.cases[0].metrics.wallNs.samples);
    assert.equal(base.seed, 7);
    const kinds = base.analyses.map((a) => a.kind);
    assert.ok(kinds.includes('ab-rounds'));
    if (base.cases.some((c) => c.runtime === 'native')) {
      const ratio = base.analyses.find((a) => a.kind === 'native-ratio')!;
      assert.equal(ratio.caseId, 'startup/ab/tiered/cold/noop');
      assert.ok((ratio.ratio as number) > 1, 'a wasm start under Node takes longer than the native program');
    }
  });

  it('a crashing head is an error (exit 1), not a regression', () => {
    const r = cli([
      'ab',
      HOST,
      '/bin/false',
      '--fixture',
      'noop',
      '--iterations',
      '5',
      '--warmups',
      '0',
      '--no-native',
      '--out',
      'broken',
      '--gate',
    ]);
    assert.equal(r.code, 1, r.stderr + r.stdout);
    assert.match(r.stdout, /^ERROR: /);
  });
});
