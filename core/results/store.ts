/**
 * On-disk results: `samples.jsonl` is appended as each sample is taken, and
 * `results.json` is rewritten atomically (temp file + rename) after every
 * case and round, so Ctrl-C or a crash keeps everything measured so far.
 */
import { appendFileSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResultsFile } from './model.ts';

export const RESULTS_FILE = 'results.json';
export const SAMPLES_LOG = 'samples.jsonl';

export class ResultsStore {
  constructor(readonly outDir: string) {
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, SAMPLES_LOG), '');
  }

  get resultsPath(): string {
    return join(this.outDir, RESULTS_FILE);
  }

  /** Synchronous on purpose: it runs between samples, never inside one, and must survive a crash. */
  appendSample(record: Record<string, unknown>): void {
    appendFileSync(join(this.outDir, SAMPLES_LOG), JSON.stringify(record) + '\n');
  }

  writeResults(file: ResultsFile): void {
    writeResultsFile(this.resultsPath, file);
  }
}

/** Atomic: a reader sees the old file or the new one, never half of one. */
export function writeResultsFile(path: string, file: ResultsFile): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify(file, null, 2) + '\n');
  renameSync(tmp, path);
}
