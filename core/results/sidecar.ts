/**
 * Writing a run's samples.parquet at the end of the run. A failure here
 * (disk full, permissions) never fails the run: results.json is already
 * complete (summaries and histograms), and it records what is missing.
 */
import { join } from 'node:path';
import type { RunEventBus } from '../events.ts';
import type { ResultsFile } from './model.ts';
import type { ResultsRecorder } from './recorder.ts';
import { SAMPLES_PARQUET, sampleKeys, writeSamplesParquet, type SampleChunk } from './samples-parquet.ts';

export function* recorderChunks(recorder: ResultsRecorder, file: ResultsFile): Generator<SampleChunk> {
  for (const { result: c, metric, unit, values } of recorder.rawSamples()) {
    yield { keys: sampleKeys(c, file, metric, unit), values };
  }
}

/** Write samples.parquet beside results.json; on failure say in results.json and on the bus what is missing. */
export async function writeRunSamples(
  recorder: ResultsRecorder,
  file: ResultsFile,
  outDir: string,
  bus?: RunEventBus,
): Promise<void> {
  try {
    const rows = await writeSamplesParquet(join(outDir, SAMPLES_PARQUET), recorderChunks(recorder, file));
    file.samplesParquet = { file: SAMPLES_PARQUET, rows };
  } catch (err) {
    const histogramOnly = [...recorder.rawSamples()].filter(
      ({ result, metric }) => result.metrics[metric]?.storage === 'histogram',
    );
    const error =
      `${SAMPLES_PARQUET} was not written (${(err as Error).message}): ` +
      (histogramOnly.length
        ? `the raw values of ${histogramOnly.length} histogram-stored metric(s) (${histogramOnly
            .map((h) => `${h.result.id} ${h.metric}`)
            .slice(0, 3)
            .join(', ')}${histogramOnly.length > 3 ? ', ...' : ''}) are missing; `
        : 'no raw values are lost (every metric keeps its samples in results.json); ') +
      'results.json is complete (summaries, histograms); free disk space and re-run to get the raw values';
    file.samplesParquet = { file: SAMPLES_PARQUET, error };
    bus?.emit('message', { level: 'warn', text: error });
  }
  recorder.flush();
}
