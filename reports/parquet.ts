/**
 * The Parquet reporter: samples.parquet from a results file, for files whose
 * run did not write one (version 1 files, runs from before Parquet). A run's
 * own samples.parquet (written by core/results/sidecar.ts, with the raw
 * values of histogram-stored metrics) is never overwritten: results.json
 * does not hold those values, so a rewrite would lose them.
 */
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResultsFile } from '../core/results/model.ts';
import { SAMPLES_PARQUET, sampleKeys, writeSamplesParquet, type SampleChunk } from '../core/results/samples-parquet.ts';
import type { Reporter } from './reporter.ts';

export function* storedSampleChunks(file: ResultsFile): Generator<SampleChunk> {
  for (const c of file.cases) {
    for (const [metric, m] of Object.entries(c.metrics ?? {})) {
      if (!m.samples?.length) continue;
      yield { keys: sampleKeys(c, file, metric, m.unit), values: m.samples };
    }
  }
}

/** Write samples.parquet from the stored samples unless the directory has one; true when written. */
export async function writeStoredSamplesParquet(file: ResultsFile, outDir: string): Promise<boolean> {
  const path = join(outDir, SAMPLES_PARQUET);
  if (await exists(path)) return false;
  await writeSamplesParquet(path, storedSampleChunks(file));
  return true;
}

export const samplesParquet: Reporter = {
  id: 'parquet',
  description: 'samples.parquet: every stored sample, long format, when the run did not write one',
  async render(ctx) {
    // A merged file holds histogram-stored metrics without their raw values: a table from it would be silently partial.
    const histogramOnly = ctx.file.cases.some((c) =>
      Object.values(c.metrics ?? {}).some((m) => m.storage === 'histogram'),
    );
    if (histogramOnly && !(await exists(join(ctx.outDir, SAMPLES_PARQUET)))) {
      ctx.warn(
        `${SAMPLES_PARQUET} not written: some metrics are stored as histograms and their raw values are not in results.json; they are in each run's own ${SAMPLES_PARQUET} (DuckDB reads several at once: read_parquet(['a/${SAMPLES_PARQUET}', 'b/${SAMPLES_PARQUET}']))`,
      );
      return [];
    }
    return (await writeStoredSamplesParquet(ctx.file, ctx.outDir)) ? ['samples.parquet'] : [];
  },
};

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );
