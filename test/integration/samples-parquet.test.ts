import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSamplesParquet } from '../../core/results/samples-parquet.ts';
import { writeRunSamples } from '../../core/results/sidecar.ts';
import type { ResultsFile } from '../../core/results/model.ts';
import { fixed, newRecorder, tmp } from '../unit/recorder-make.ts';

function recordedRun(dir: string) {
  const run = newRecorder(dir);
  run.add('c1', { streamMetrics: ['latencyNs'] });
  run.add('c2', {});
  run.sample('c1', { latencyNs: fixed(3000), wallNs: [11, 12] });
  run.sample('c2', { wallNs: [21, 22, 23] });
  run.recorder.flush();
  return run;
}

describe('samples.parquet', () => {
  it('holds every raw sample, histogram-stored ones included, and round-trips through parquet-wasm', async () => {
    const dir = tmp();
    const { recorder, file } = recordedRun(dir);
    await writeRunSamples(recorder, file, dir);
    assert.deepEqual(file.samplesParquet, { file: 'samples.parquet', rows: 3005 });
    const table = await readSamplesParquet(readFileSync(join(dir, 'samples.parquet')));
    assert.equal(table.numRows, 3005);
    assert.deepEqual(table.schema.fields.map((f) => f.name).slice(0, 11), [
      'run',
      'suite',
      'runtime',
      'mode',
      'cacheState',
      'workload',
      'metric',
      'unit',
      'index',
      'value',
      'arch',
    ]);
    const rows = table.toArray().map((r) => r.toJSON());
    const latency = rows.filter((r) => r.metric === 'latencyNs');
    assert.equal(latency.length, 3000);
    assert.deepEqual(
      latency.slice(0, 3).map((r) => [r.caseId, r.index, r.value]),
      fixed(3000)
        .slice(0, 3)
        .map((v, i) => ['c1', i, Math.round(v)]),
    );
    assert.deepEqual(
      rows.filter((r) => r.caseId === 'c2').map((r) => r.value),
      [21, 22, 23],
    );
    assert.equal(rows[0].run, 'r');
    // results.json on disk says the sidecar was written.
    assert.deepEqual((JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as ResultsFile).samplesParquet, {
      file: 'samples.parquet',
      rows: 3005,
    });
  });

  it('opens in DuckDB: SELECT count(*)', async () => {
    const dir = tmp();
    const { recorder, file } = recordedRun(dir);
    await writeRunSamples(recorder, file, dir);
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const connection = await (await DuckDBInstance.create(':memory:')).connect();
    const path = join(dir, 'samples.parquet').replaceAll("'", "''");
    const result = await connection.runAndReadAll(
      `SELECT count(*) AS n, count(DISTINCT caseId) AS cases FROM '${path}'`,
    );
    assert.deepEqual(result.getRows(), [[3005n, 2n]]);
  });

  it('a failed write leaves results.json intact and says what is missing', async () => {
    const dir = tmp();
    const { recorder, file } = recordedRun(dir);
    const before = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as ResultsFile;
    mkdirSync(join(dir, 'samples.parquet')); // the rename onto a directory fails, as a full disk would fail the write
    const warnings: string[] = [];
    const bus = { emit: (_: string, m: { text: string }) => warnings.push(m.text) };
    await writeRunSamples(recorder, file, dir, bus as never);
    const after = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as ResultsFile;
    assert.deepEqual(after.cases, before.cases, 'results.json keeps every case, summary and histogram');
    assert.ok(after.samplesParquet && 'error' in after.samplesParquet);
    assert.match(
      after.samplesParquet.error,
      /samples\.parquet was not written \(.+\): the raw values of 1 histogram-stored metric\(s\) \(c1 latencyNs\) are missing; results\.json is complete/,
    );
    assert.deepEqual(warnings, [after.samplesParquet.error]);
    assert.equal(
      existsSync(join(dir, `samples.parquet.tmp-${process.pid}`)),
      false,
      'no half-written temporary file is left',
    );
  });
});

describe('the parquet reporter', () => {
  it('writes samples.parquet from a results file whose run left none, but never a partial one', async () => {
    const { renderReports } = await import('../../reports/render.ts');
    const small = tmp();
    const { recorder } = recordedRun(small);
    recorder.flush();
    const warnings: string[] = [];
    // c1's latencies are histogram-stored: results.json alone cannot give their raw values.
    assert.deepEqual(await renderReports(small, { only: ['parquet'], onWarning: (w) => warnings.push(w) }), []);
    assert.equal(existsSync(join(small, 'samples.parquet')), false);
    assert.match(warnings[0], /samples\.parquet not written: some metrics are stored as histograms/);
    const plain = tmp();
    const run = newRecorder(plain);
    run.add('c2', {});
    run.sample('c2', { wallNs: [21, 22, 23] });
    run.recorder.flush();
    assert.deepEqual(await renderReports(plain, { only: ['parquet'] }), ['samples.parquet']);
    assert.equal((await readSamplesParquet(readFileSync(join(plain, 'samples.parquet')))).numRows, 3);
  });
});
