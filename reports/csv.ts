/** CSV exports (pure functions of a results file), written with csv-stringify. */
import { stringify } from 'csv-stringify/sync';
import type { ResultsFile } from '../core/results/model.ts';
import { archOf } from './report-data.ts';

const KEY_COLUMNS = ['suite', 'runtime', 'mode', 'modeName', 'cacheState', 'fixture', 'caseId'] as const;

/** Past this many stored samples, samples.csv is not written: samples.parquet holds them (see reports/render.ts). */
export const SAMPLES_CSV_MAX_ROWS = 100_000;

/** Raw samples stored in the results file (histogram-stored metrics have none there). */
export function storedSampleCount(file: ResultsFile): number {
  return file.cases.reduce(
    (n, c) => n + Object.values(c.metrics ?? {}).reduce((k, m) => k + (m.samples?.length ?? 0), 0),
    0,
  );
}

/**
 * One row per sample, long format. The first nine columns are the documented
 * contract (suite, runtime, mode, cacheState, fixture, metric, unit, index,
 * value); modeName, caseId and arch follow so they never shift it.
 */
export function samplesCsv(file: ResultsFile): string {
  const rows: (string | number)[][] = [];
  for (const c of file.cases) {
    const arch = archOf(c, file);
    for (const [metric, m] of Object.entries(c.metrics)) {
      for (const [index, value] of m.samples.entries())
        rows.push([
          c.suite,
          c.runtime,
          c.mode,
          c.cacheState,
          c.fixture,
          metric,
          m.unit,
          index,
          value,
          c.modeName,
          c.id,
          arch,
        ]);
    }
  }
  return stringify(rows, {
    header: true,
    columns: [
      'suite',
      'runtime',
      'mode',
      'cacheState',
      'fixture',
      'metric',
      'unit',
      'index',
      'value',
      'modeName',
      'caseId',
      'arch',
    ],
  });
}

/** One row per case and metric with its summary. */
export function summaryCsv(file: ResultsFile): string {
  const rows: (string | number | null)[][] = [];
  for (const c of file.cases) {
    for (const [metric, m] of Object.entries(c.metrics)) {
      const s = m.summary;
      if (!s) continue;
      rows.push([
        c.suite,
        c.runtime,
        c.mode,
        c.modeName,
        c.cacheState,
        c.fixture,
        c.id,
        c.status,
        metric,
        m.unit,
        s.n,
        s.min,
        s.median,
        s.mean,
        s.p90,
        s.p99,
        s.max,
        s.mad,
        s.ci95?.[0] ?? null,
        s.ci95?.[1] ?? null,
        c.errors?.length ?? 0,
        archOf(c, file),
      ]);
    }
  }
  return stringify(rows, {
    header: true,
    columns: [
      ...KEY_COLUMNS,
      'status',
      'metric',
      'unit',
      'n',
      'min',
      'median',
      'mean',
      'p90',
      'p99',
      'max',
      'mad',
      'ci95Low',
      'ci95High',
      'errors',
      'arch',
    ],
  });
}
