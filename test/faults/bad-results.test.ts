/**
 * Fault: a results.json that is not what `wasmbench run` writes (a string
 * sample, a file cut short). Every reader goes through the one reader, so
 * `report` refuses what `gate` refuses, with the same message naming the
 * path inside the file, and nothing is rendered from it.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { makeResults, spread, writeResults } from '../unit/compare-make.ts';

const BIN = resolve(import.meta.dirname, '../../bin/wasmbench.mjs');
let tmp: string;

function cli(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: tmp,
    encoding: 'utf8',
    env: { ...process.env, GITHUB_ACTIONS: '', GITHUB_STEP_SUMMARY: '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const errorLine = (stderr: string): string => stderr.split('\n').find((l) => l.startsWith('error: ')) ?? stderr;

before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'wasmbench-badresults-'));
  const cases = [
    { id: 'startup/node/tiered/cold/noop', wallNs: spread(40_000_000, 8) },
    { id: 'startup/native/aot/precompiled/noop', wallNs: spread(900_000, 8) },
  ];
  writeResults(join(tmp, 'good'), makeResults('good', cases));
  const bad = makeResults('bad', cases);
  (bad.cases[1].metrics.wallNs.samples as unknown[])[0] = 'fast96094570';
  writeResults(join(tmp, 'strings'), bad);
  mkdirSync(join(tmp, 'cut'));
  writeFileSync(
    join(tmp, 'cut', 'results.json'),
    readFileSync(join(tmp, 'good', 'results.json'), 'utf8').slice(0, 300),
  );
});
after(() => rmSync(tmp, { recursive: true, force: true }));

test('a string sample: report and gate both exit 1 with the same message naming the path in the file', () => {
  const expected =
    'error: strings/results.json is corrupt: case "startup/native/aot/precompiled/noop" metric "wallNs" sample 0, at cases[1].metrics.wallNs.samples[0]: expected a number, got "fast96094570"';
  const report = cli(['report', 'strings']);
  const gate = cli(['gate', 'good', 'strings']);
  const merge = cli(['merge', 'good', 'strings', '--out', 'merged']);
  for (const r of [report, gate, merge]) {
    assert.equal(r.code, 1, r.stderr);
    assert.equal(errorLine(r.stderr), expected);
    assert.match(
      r.stderr,
      /fix: re-run the benchmark, or correct the value by hand; `wasmbench schema results` prints the JSON Schema/,
    );
  }
  assert.equal(existsSync(join(tmp, 'strings', 'samples.csv')), false, 'nothing is rendered from a corrupt file');
});

test('a results.json cut short: a clear error naming the file, exit 1, for report and gate alike', () => {
  for (const r of [cli(['report', 'cut']), cli(['gate', 'good', 'cut']), cli(['compare', 'cut', 'good'])]) {
    assert.equal(r.code, 1, r.stderr);
    assert.match(errorLine(r.stderr), /^error: cut\/results\.json is not valid JSON \(/);
    assert.match(r.stderr, /fix: the file is corrupt or was cut short; re-run the benchmark/);
  }
});
