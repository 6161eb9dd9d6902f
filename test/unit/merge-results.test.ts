import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mergeResults } from '../../core/merge.ts';
import { makeResults, spread } from './compare-make.ts';

const x64 = makeResults(
  'run-x64',
  [
    { id: 'startup/node/tiered/cold/noop', wallNs: spread(1e6, 10).map((v) => v * 40) },
    { id: 'startup/native/aot/precompiled/noop', wallNs: spread(1e6, 10) },
  ],
  { arch: 'x64', cpuModel: 'AMD EPYC 7763' },
);
const arm = makeResults(
  'run-arm64',
  [
    { id: 'startup/node/tiered/cold/noop', wallNs: spread(50e6, 10) },
    { id: 'startup/wasmtime/optimizing/cold/noop', status: 'skipped', reason: 'not installed' },
  ],
  { arch: 'arm64', cpuModel: 'Neoverse-N1' },
);

describe('mergeResults', () => {
  const merged = mergeResults(
    [
      { path: 'a/results.json', file: x64 },
      { path: 'b/results.json', file: arm },
    ],
    'merged-1',
  );

  it('keeps every case of both runs, each with its run id and environment', () => {
    assert.equal(merged.cases.length, 4);
    assert.deepEqual(
      merged.cases.map((c) => [c.id, c.runId, c.environment?.arch, c.environment?.cpuModel]),
      [
        ['startup/node/tiered/cold/noop', 'run-x64', 'x64', 'AMD EPYC 7763'],
        ['startup/native/aot/precompiled/noop', 'run-x64', 'x64', 'AMD EPYC 7763'],
        ['startup/node/tiered/cold/noop', 'run-arm64', 'arm64', 'Neoverse-N1'],
        ['startup/wasmtime/optimizing/cold/noop', 'run-arm64', 'arm64', 'Neoverse-N1'],
      ],
    );
    assert.equal(merged.cases[3].status, 'skipped');
    assert.deepEqual(merged.cases[0].metrics.wallNs.samples, x64.cases[0].metrics.wallNs.samples);
  });

  it('describes its inputs and lists the machines at the top level', () => {
    assert.equal(merged.runId, 'merged-1');
    assert.equal(merged.state, 'complete');
    const runs = merged.analyses.find((a) => a.kind === 'merged-runs') as unknown as {
      runs: { runId: string; arch: string; cases: number }[];
    };
    assert.deepEqual(
      runs.runs.map((r) => [r.runId, r.arch, r.cases]),
      [
        ['run-x64', 'x64', 2],
        ['run-arm64', 'arm64', 2],
      ],
    );
    assert.deepEqual(merged.environment.merged, [
      { runId: 'run-x64', arch: 'x64', cpuModel: 'AMD EPYC 7763' },
      { runId: 'run-arm64', arch: 'arm64', cpuModel: 'Neoverse-N1' },
    ]);
  });

  it('adds the native-ratio of each wasm case to its twin in the same run', () => {
    const ratios = merged.analyses.filter((a) => a.kind === 'native-ratio');
    assert.equal(ratios.length, 1); // the arm64 run has no native case
    assert.equal(ratios[0].caseId, 'startup/node/tiered/cold/noop');
    assert.equal(ratios[0].runId, 'run-x64');
    assert.equal(ratios[0].ratio, 40);
  });

  it('can be merged again (cases keep their original run) and refuses the same run twice', () => {
    const again = mergeResults(
      [
        { path: 'm', file: merged },
        { path: 'c', file: makeResults('run-3', [{ id: 'startup/node/tiered/cold/noop', wallNs: [1, 2, 3] }]) },
      ],
      'merged-2',
    );
    assert.equal(again.cases.length, 5);
    assert.equal(again.cases[2].runId, 'run-arm64');
    assert.throws(
      () =>
        mergeResults(
          [
            { path: 'a', file: x64 },
            { path: 'a2', file: x64 },
          ],
          'm',
        ),
      /in both a and a2/,
    );
  });
});
