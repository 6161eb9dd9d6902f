/**
 * On-disk results: `samples.jsonl` is appended as each sample is taken, and
 * `results.json` is rewritten atomically (temp file + rename) after every
 * case and round, so Ctrl-C or a crash keeps everything measured so far.
 */
import { closeSync, mkdirSync, openSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { ResultsFile } from './model.ts';

export const RESULTS_FILE = 'results.json';
export const SAMPLES_LOG = 'samples.jsonl';

export class ResultsStore {
  /** samples.jsonl stays open for the run: one write() per sample, no open/close between samples. */
  private samplesFd: number | null;

  constructor(readonly outDir: string) {
    mkdirSync(outDir, { recursive: true });
    this.samplesFd = openSync(join(outDir, SAMPLES_LOG), 'w');
  }

  get resultsPath(): string {
    return join(this.outDir, RESULTS_FILE);
  }

  /** Synchronous on purpose: it runs between samples, never inside one, and must survive a crash. */
  appendSample(record: Record<string, unknown>): void {
    // A write() reaches the page cache, so a crash of this process keeps it, as appendFileSync did.
    this.samplesFd ??= openSync(join(this.outDir, SAMPLES_LOG), 'a');
    writeSync(this.samplesFd, JSON.stringify(record) + '\n');
  }

  /** Closes samples.jsonl (a later append reopens it). */
  close(): void {
    if (this.samplesFd !== null) closeSync(this.samplesFd);
    this.samplesFd = null;
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
