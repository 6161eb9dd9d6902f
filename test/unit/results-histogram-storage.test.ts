import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HistogramAccumulator } from '../../stats/histogram-stream.ts';
import { binsOfRecord, HISTOGRAM_RELATIVE_PRECISION } from '../../stats/histogram-bins.ts';
import { summarize } from '../../stats/summary.ts';
import { RAW_SAMPLES_LIMIT } from '../../core/results/recorder.ts';
import type { ResultsFile } from '../../core/results/model.ts';
import { fixed, newRecorder, tmp } from './recorder-make.ts';

describe('HistogramAccumulator', () => {
  it('keeps exact totals and raw values, and stores what it was given (negatives included)', () => {
    const acc = new HistogramAccumulator('ns');
    acc.add([5, 10, 15]);
    acc.add([-40, 1_000_000]);
    assert.deepEqual(acc.exact(), { count: 5, min: -40, max: 1_000_000, sum: 1_000_000 - 10 });
    assert.deepEqual([...acc.values()], [5, 10, 15, -40, 1_000_000]);
    const rec = acc.record();
    assert.equal(rec.count, 5);
    assert.ok(rec.offset <= -40);
    const bins = binsOfRecord(rec);
    assert.equal(bins.count, 5);
    assert.equal(bins.values[0], -40); // exact below 2048 stored units
  });
});

describe('recorder: histogram storage', () => {
  it('stores a stream metric as histogram + exact totals, no samples, and says where the summary came from', () => {
    const { file, recorder, add, sample } = newRecorder(tmp());
    add('c1', { streamMetrics: ['latencyNs'], histogramMetrics: ['latencyNs'] });
    const values = fixed(20_000);
    sample('c1', { latencyNs: values.slice(0, 12_000) });
    sample('c1', { latencyNs: values.slice(12_000) }, 1);
    const m = recorder.snapshot().cases[0].metrics.latencyNs;
    assert.deepEqual(m.samples, []);
    assert.equal(m.storage, 'histogram');
    assert.equal(m.summarySource, 'histogram');
    assert.equal(m.exact!.count, 20_000);
    assert.equal(
      m.exact!.sum,
      values.reduce((a, b) => a + Math.round(b), 0),
    );
    const exact = summarize(values)!;
    const s = m.summary!;
    assert.equal(s.n, exact.n);
    assert.equal(s.min, Math.round(exact.min));
    for (const key of ['median', 'p90', 'p99'] as const) {
      assert.ok(
        Math.abs(s[key] - exact[key]) <= exact[key] * HISTOGRAM_RELATIVE_PRECISION + 1,
        `${key}: ${s[key]} vs exact ${exact[key]}`,
      );
    }
    assert.ok(Math.abs(s.ci95![0] - exact.ci95![0]) <= exact.ci95![0] * HISTOGRAM_RELATIVE_PRECISION + 1);
    assert.equal(file.cases[0].metrics.latencyNs.histogram!.count, 20_000);
  });

  it('keeps small metrics exact, and moves a histogram metric past the limit to histogram storage', () => {
    const { recorder, add, sample } = newRecorder(tmp());
    add('c1', { histogramMetrics: ['wallNs'] });
    sample('c1', { wallNs: [3, 1, 2], overshootNs: [7] });
    let c = recorder.snapshot().cases[0];
    assert.deepEqual(c.metrics.wallNs.samples, [3, 1, 2]);
    assert.equal(c.metrics.wallNs.storage, undefined);
    assert.ok(c.metrics.wallNs.histogram);
    sample('c1', { wallNs: fixed(RAW_SAMPLES_LIMIT), overshootNs: fixed(RAW_SAMPLES_LIMIT + 5) }, 1);
    c = recorder.snapshot().cases[0];
    assert.equal(c.metrics.wallNs.storage, 'histogram');
    assert.equal(c.metrics.wallNs.exact!.count, RAW_SAMPLES_LIMIT + 3);
    // Not a histogram metric: may be order-dependent, so it stays raw whatever its size.
    assert.equal(c.metrics.overshootNs.samples.length, RAW_SAMPLES_LIMIT + 6);
  });

  it('recomputes only the metrics that changed since the last flush', () => {
    const { recorder, add, sample } = newRecorder(tmp());
    add('a', { streamMetrics: ['latencyNs'] });
    add('b', {});
    sample('a', { latencyNs: fixed(100) });
    sample('b', { wallNs: [1, 2, 3] });
    const first = recorder.snapshot();
    const [aSummary, bSummary] = [first.cases[0].metrics.latencyNs.summary, first.cases[1].metrics.wallNs.summary];
    sample('b', { wallNs: [4] }, 1);
    const second = recorder.snapshot();
    assert.equal(
      second.cases[0].metrics.latencyNs.summary,
      aSummary,
      'untouched metric keeps its cached summary object',
    );
    assert.notEqual(second.cases[1].metrics.wallNs.summary, bSummary);
    assert.equal(second.cases[1].metrics.wallNs.summary!.n, 4);
  });

  it('writes results.json with schemaVersion 2 and no raw stream values', () => {
    const dir = tmp();
    const { recorder, add, sample } = newRecorder(dir);
    add('c1', { streamMetrics: ['latencyNs'] });
    sample('c1', { latencyNs: fixed(50_000) });
    recorder.flush();
    const text = readFileSync(join(dir, 'results.json'), 'utf8');
    const onDisk = JSON.parse(text) as ResultsFile;
    assert.equal(onDisk.schemaVersion, 2);
    assert.deepEqual(onDisk.cases[0].metrics.latencyNs.samples, []);
    assert.ok(text.length < 20_000, `results.json is ${text.length} bytes for 50,000 latencies`);
  });
});
