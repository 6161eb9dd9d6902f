/** Killed runs: a `running` results.json whose writer is gone is rebuilt from samples.jsonl; a live one is left alone. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadResults } from '../../core/results/read.ts';
import { loadedNote, stateNote } from '../../core/results/state.ts';
import { settleCase } from '../../core/results/settle.ts';
import { makeCase, makeResults } from './compare-make.ts';
import { finishStreamMetric } from '../../core/results/recorder.ts';
import { HistogramAccumulator } from '../../stats/histogram-stream.ts';

/** The pid of a process that has exited: a writer that is certainly gone. */
function deadPid(): number {
  return Number(
    spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout,
  );
}

const sample = (caseId: string, index: number, wallNs: number, phase = 'measure') =>
  JSON.stringify({ caseId, phase, index, ok: true, metrics: { wallNs } });

function killedRun(pid: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'wasmbench-recover-'));
  const file = makeResults('killed', [
    { id: 'startup/node/tiered/cold/noop', wallNs: [10, 11] },
    { id: 'startup/native/aot/precompiled/noop', wallNs: [1, 2, 3] },
    { id: 'startup/node/baseline/cold/noop', wallNs: [] },
  ]);
  file.state = 'running';
  file.finishedAt = null;
  file.pid = pid;
  file.environment.hostname = hostname();
  for (const c of file.cases) c.iterations = 3;
  writeFileSync(join(dir, 'results.json'), JSON.stringify(file));
  writeFileSync(
    join(dir, 'samples.jsonl'),
    [
      sample('startup/node/tiered/cold/noop', 0, 99, 'warmup'),
      sample('startup/node/tiered/cold/noop', 0, 10),
      sample('startup/native/aot/precompiled/noop', 0, 1),
      sample('startup/node/tiered/cold/noop', 1, 11),
      sample('startup/native/aot/precompiled/noop', 1, 2),
      sample('startup/node/tiered/cold/noop', 2, 12),
      sample('startup/native/aot/precompiled/noop', 2, 3),
      JSON.stringify({
        caseId: 'startup/node/baseline/cold/noop',
        phase: 'measure',
        index: 0,
        ok: false,
        error: { index: 0, kind: 'exit', message: 'exited with code 1', stderrTail: 'boom' },
      }),
      '{"caseId":"startup/node/tiered/cold/noop","phase":"meas', // cut short by the kill
    ].join('\n'),
  );
  return dir;
}

test('a killed run gets every logged sample back and is marked interrupted + recovered', async () => {
  const dir = killedRun(deadPid());
  const { file, recovery } = await loadResults(dir);
  assert.equal(file.state, 'interrupted');
  assert.equal(file.recovered, true);
  assert.deepEqual(recovery, {
    log: join(dir, 'samples.jsonl'),
    samplesAdded: 1,
    linesSkipped: 1,
    incompleteCases: ['startup/node/baseline/cold/noop'],
  });
  const [tiered, native, baseline] = file.cases;
  assert.deepEqual(
    tiered.metrics.wallNs.samples,
    [10, 11, 12],
    'the warmup stays out; the sample results.json lacked is back',
  );
  assert.equal(tiered.metrics.wallNs.summary?.n, 3);
  assert.equal(tiered.status, 'ok');
  assert.equal(tiered.incomplete, undefined, 'all 3 planned samples were taken');
  assert.deepEqual(native.metrics.wallNs.samples, [1, 2, 3]);
  assert.equal(baseline.status, 'errored');
  assert.equal(baseline.reason, '1 of 1 samples failed (first: exited with code 1)');
  assert.equal(baseline.incomplete, true);
  assert.deepEqual(baseline.warnings, ['incomplete: the run was killed after 1 of 3 samples of this case']);
  assert.equal(
    stateNote(file),
    'interrupted: the run was killed before it finished; every sample that reached samples.jsonl was recovered; 1 case(s) have fewer samples than planned',
  );
  assert.equal(
    readFileSync(join(dir, 'results.json'), 'utf8').includes('"running"'),
    true,
    'reading never rewrites the file',
  );
});

test('a case the kill cut short keeps its samples and is marked incomplete', async () => {
  const dir = killedRun(deadPid());
  writeFileSync(
    join(dir, 'samples.jsonl'),
    [sample('startup/node/tiered/cold/noop', 0, 10), sample('startup/node/tiered/cold/noop', 1, 11)].join('\n') + '\n',
  );
  const loaded = await loadResults(dir);
  const [tiered, , baseline] = loaded.file.cases;
  assert.equal(tiered.status, 'ok');
  assert.equal(tiered.incomplete, true);
  assert.deepEqual(tiered.warnings, ['incomplete: the run was killed after 2 of 3 samples of this case']);
  assert.equal(baseline.status, 'errored');
  assert.equal(baseline.reason, 'the run was killed before this case had a sample');
  assert.deepEqual(loaded.recovery?.incompleteCases, [
    'startup/node/tiered/cold/noop',
    'startup/native/aot/precompiled/noop',
    'startup/node/baseline/cold/noop',
  ]);
  assert.match(
    loadedNote(loaded)!,
    /^.*results\.json: interrupted: the run was killed .* \(0 sample\(s\) read back from .*samples\.jsonl that results\.json lacked\)$/,
  );
});

test('a run still being written (its writer alive on this host) is not recovered', async () => {
  const dir = killedRun(process.pid);
  const { file, recovery } = await loadResults(dir);
  assert.equal(file.state, 'running');
  assert.equal(recovery, undefined);
  assert.equal(stateNote(file), `still running (pid ${process.pid}): these are the figures so far`);
});

test('Ctrl-C: a case cut short stays ok with its samples and is marked; one with none is errored', () => {
  const partial = makeCase({ id: 'startup/node/tiered/cold/noop', wallNs: [1, 2] });
  partial.iterations = 5;
  settleCase(partial, { measured: 2, errors: 0, stoppedReason: 'interrupted' });
  assert.equal(partial.status, 'ok');
  assert.equal(partial.incomplete, true);
  assert.deepEqual(partial.warnings, ['incomplete: the run was interrupted after 2 of 5 samples of this case']);
  const none = makeCase({ id: 'startup/node/tiered/cold/hello' });
  settleCase(none, { measured: 0, errors: 0, stoppedReason: 'interrupted' });
  assert.equal(none.status, 'errored');
  assert.equal(none.reason, 'the run was interrupted before this case had a sample');
  const failing = makeCase({ id: 'startup/node/tiered/cold/fib' });
  settleCase(failing, {
    measured: 1,
    errors: 3,
    stoppedReason: 'stopped after 3 consecutive failed samples (last: x)',
  });
  assert.equal(failing.reason, 'stopped after 3 consecutive failed samples (last: x)');
});

test('a histogram-stored metric (schemaVersion 2) is rebuilt as a histogram from every logged value', async () => {
  const dir = killedRun(deadPid());
  const file = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
  const stream = new HistogramAccumulator('ns');
  stream.add([10, 11]);
  finishStreamMetric(file.cases[0].metrics.wallNs, stream);
  writeFileSync(join(dir, 'results.json'), JSON.stringify(file));
  const { file: recovered, recovery } = await loadResults(dir);
  const wall = recovered.cases[0].metrics.wallNs;
  assert.equal(wall.storage, 'histogram');
  assert.deepEqual(wall.samples, []);
  assert.deepEqual([wall.exact?.count, wall.exact?.min, wall.exact?.max], [3, 10, 12]);
  assert.equal(wall.summary?.n, 3);
  assert.equal(recovery?.samplesAdded, 1, 'the value the histogram lacked');
});
