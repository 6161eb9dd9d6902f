/**
 * On-disk results: `samples.jsonl` is appended as each sample is taken, and
 * `results.json` is rewritten atomically (temp file + rename) after every
 * case and round, so Ctrl-C or a crash keeps everything measured so far.
 *
 * Given an OutDir (core/results/out-dir.ts), files go to its staging dir
 * until the first sample, which promotes it into place: nothing reaches
 * `--out` before the run has really started. The open samples.jsonl
 * descriptor survives that rename (it follows the file, not the path).
 */
import { closeSync, mkdirSync, openSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { ResultsFile } from './model.ts';
import type { OutDir } from './out-dir.ts';

export const RESULTS_FILE = 'results.json';
export const SAMPLES_LOG = 'samples.jsonl';

export class ResultsStore {
  private readonly root: OutDir | null;
  private readonly fixedDir: string;
  /** samples.jsonl stays open for the run: one write() per sample, no open/close between samples. */
  private samplesFd: number | null;

  /** `out`: a checked OutDir (with `sub`, e.g. "base", inside it), or a plain directory written in place. */
  constructor(
    out: string | OutDir,
    private readonly sub = '',
  ) {
    this.root = typeof out === 'string' ? null : out;
    this.fixedDir = typeof out === 'string' ? out : '';
    mkdirSync(this.outDir, { recursive: true });
    this.samplesFd = openSync(join(this.outDir, SAMPLES_LOG), 'w');
  }

  /** Where the files are now (the staging dir until the first sample). */
  get outDir(): string {
    return this.root ? join(this.root.path, this.sub) : this.fixedDir;
  }

  get resultsPath(): string {
    return join(this.outDir, RESULTS_FILE);
  }

  /** Synchronous on purpose: it runs between samples, never inside one, and must survive a crash. */
  appendSample(record: Record<string, unknown>): void {
    // A discarded staging dir (DIR kept its old run) takes no more writes.
    if (this.root && !this.root.accepting) return;
    this.root?.promote();
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
    if (this.root && !this.root.accepting) return;
    writeResultsFile(this.resultsPath, file);
  }
}

/** Atomic: a reader sees the old file or the new one, never half of one. */
export function writeResultsFile(path: string, file: ResultsFile): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify(file, null, 2) + '\n');
  renameSync(tmp, path);
}
