/**
 * The histogram path (schemaVersion 2: latencies stored as HDR histograms)
 * against the exact path (every sample in results.json) on one fixed data
 * set: gate verdicts agree, ratios and intervals agree within the
 * histogram's precision (plus bootstrap noise), and report summaries agree.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compareResults } from '../../core/compare/compare.ts';
import { evaluateGate } from '../../core/compare/gate.ts';
import { resolveGate } from '../../core/compare/thresholds.ts';
import { EMPTY_ALLOW_LIST } from '../../core/compare/allow-list.ts';
import { loadResults } from '../../core/results/read.ts';
import type { ResultsFile } from '../../core/results/model.ts';
import { HISTOGRAM_RELATIVE_PRECISION } from '../../stats/histogram-bins.ts';
import { createRng } from '../../stats/random.ts';
import { summaryCsv } from '../../reports/csv.ts';
import { renderReports } from '../../reports/render.ts';
import { makeResults, writeResults } from './compare-make.ts';
import { newRecorder, tmp } from './recorder-make.ts';

const N = 20_000;
/** Case name -> head/base factor: a clear regression, a clear improvement, no change, a change inside the noise. */
const FACTORS: Record<string, number> = { regressed: 1.15, improved: 0.85, same: 1, noise: 1.01 };

function latencies(seed: number, factor: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length: N }, () =>
    Math.round(factor * 250_000 * Math.exp(0.3 * Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng()))),
  );
}

function dataSet(side: 'base' | 'head'): Record<string, number[]> {
  return Object.fromEntries(
    Object.entries(FACTORS).map(([name, f], i) => [
      name,
      latencies(side === 'base' ? 10 + i : 20 + i, side === 'base' ? 1 : f),
    ]),
  );
}

function exactFile(side: 'base' | 'head'): ResultsFile {
  return makeResults(
    side,
    Object.entries(dataSet(side)).map(([name, values]) => ({
      id: `throughput/node/tiered/warm/${name}`,
      extra: { latencyNs: values },
    })),
  );
}

function histogramFile(side: 'base' | 'head'): ResultsFile {
  const run = newRecorder(tmp());
  for (const [name, values] of Object.entries(dataSet(side))) {
    const id = `throughput/node/tiered/warm/${name}`;
    run.add(id, { streamMetrics: ['latencyNs'] });
    run.sample(id, { latencyNs: values });
  }
  const file = run.recorder.snapshot();
  return { ...file, runId: side, state: 'complete', environment: { arch: 'x64', cpuModel: 'Test CPU 3000', cores: 2 } };
}

async function gate(kind: 'exact' | 'histogram') {
  const make = kind === 'exact' ? exactFile : histogramFile;
  const [base, head] = await Promise.all([
    loadResults(writeResults(tmp(), make('base'))),
    loadResults(writeResults(tmp(), make('head'))),
  ]);
  const report = compareResults(base, head, { metrics: ['latencyNs'], resamples: 2000 });
  return evaluateGate(report, resolveGate(undefined), EMPTY_ALLOW_LIST, '2026-12-01');
}

describe('histogram path vs exact path on a fixed data set', () => {
  it('gives the same gate verdicts, and ratios and intervals within the histogram precision', async () => {
    const [exact, hist] = await Promise.all([gate('exact'), gate('histogram')]);
    assert.equal(hist.exitCode, exact.exitCode);
    assert.deepEqual(
      hist.rows.map((r) => [r.caseId, r.verdict]),
      exact.rows.map((r) => [r.caseId, r.verdict]),
    );
    assert.deepEqual(
      exact.rows.map((r) => r.verdict),
      ['regressed', 'improved', 'pass', 'pass'],
    );
    for (const [e, h] of exact.rows.map((r, i) => [r.comparison!, hist.rows[i].comparison!])) {
      assert.equal(h.source, 'histogram');
      assert.ok(
        Math.abs(h.ratio / e.ratio - 1) <= 2 * HISTOGRAM_RELATIVE_PRECISION,
        `ratio ${h.ratio} vs exact ${e.ratio}`,
      );
      // Interval ends: precision plus the Monte Carlo noise of two different bootstraps (~0.3% of the ratio here).
      assert.ok(Math.abs(h.lo - e.lo) <= 0.005 * e.ratio, `lo ${h.lo} vs exact ${e.lo}`);
      assert.ok(Math.abs(h.hi - e.hi) <= 0.005 * e.ratio, `hi ${h.hi} vs exact ${e.hi}`);
    }
  });

  it('gives report summaries within the histogram precision', () => {
    const rows = (file: ResultsFile) =>
      summaryCsv(file)
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(','));
    const exact = rows(exactFile('head'));
    const hist = rows(histogramFile('head'));
    assert.equal(hist.length, exact.length);
    const columns = summaryCsv(exactFile('head')).split('\n')[0].split(',');
    for (const [i, e] of exact.entries()) {
      for (const name of ['n', 'min', 'max', 'mean'])
        assert.equal(Number(hist[i][columns.indexOf(name)]), Number(e[columns.indexOf(name)]), name);
      for (const name of ['median', 'p90', 'p99', 'ci95Low', 'ci95High']) {
        const [x, y] = [Number(hist[i][columns.indexOf(name)]), Number(e[columns.indexOf(name)])];
        assert.ok(Math.abs(x - y) <= y * HISTOGRAM_RELATIVE_PRECISION + 1, `${e[6]} ${name}: ${x} vs exact ${y}`);
      }
    }
  });
});

describe('bad histogram input', () => {
  const broken = (edit: (m: ResultsFile['cases'][number]['metrics'][string]) => void) => {
    const file = histogramFile('base');
    edit(file.cases[0].metrics.latencyNs);
    return writeResults(tmp(), file);
  };

  it('refuses a histogram that does not decode, naming the case and metric', async () => {
    const dir = broken((m) => {
      m.histogram!.encoded = 'bm90IGEgaGlzdG9ncmFt';
    });
    await assert.rejects(
      loadResults(dir),
      /case "throughput\/node\/tiered\/warm\/regressed" metric "latencyNs" has a histogram that does not decode/,
    );
    await assert.rejects(
      renderReports(dir, { skipImages: true, onWarning: () => {} }),
      /metric "latencyNs" has a histogram that does not decode/,
    );
  });

  it('refuses a file whose histogram and summary disagree', async () => {
    const count = broken((m) => {
      m.summary!.n += 1;
    });
    await assert.rejects(
      loadResults(count),
      /histogram and summary disagree: the histogram holds 20000 values, the summary says n = 20001/,
    );
    const median = broken((m) => {
      m.summary!.median *= 1.5;
    });
    await assert.rejects(loadResults(median), /histogram and summary disagree: the histogram's median is \d+/);
    await assert.rejects(
      renderReports(median, { skipImages: true, onWarning: () => {} }),
      /histogram and summary disagree/,
    );
  });
});
