/** Reading a results file back (for report, compare, gate, merge). */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError, WasmbenchError } from '../errors.ts';
import { RESULTS_FILE } from './store.ts';
import { SCHEMA_VERSION, type ResultsFile } from './model.ts';

/** Accepts a results directory or a results.json path. */
export async function resultsPathOf(dirOrFile: string): Promise<string> {
  const info = await stat(dirOrFile).catch(() => null);
  if (!info) throw new UsageError(`no such results file or directory: ${dirOrFile}`, 'pass the --out directory of a `wasmbench run`');
  return info.isDirectory() ? join(dirOrFile, RESULTS_FILE) : dirOrFile;
}

export async function readResults(dirOrFile: string): Promise<ResultsFile> {
  const path = await resultsPathOf(dirOrFile);
  const text = await readFile(path, 'utf8').catch((err: Error) => {
    throw new UsageError(`cannot read ${path}: ${err.message}`, 'pass the --out directory of a `wasmbench run`');
  });
  let data: Partial<ResultsFile>;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new WasmbenchError(`${path} is not valid JSON (${(err as Error).message})`, 1, 'the file is corrupt or was cut short; re-run the benchmark');
  }
  if (typeof data !== 'object' || data === null || !Array.isArray(data.cases)) {
    throw new WasmbenchError(`${path} is not a wasmbench results file (no "cases" array)`, 1);
  }
  if (data.schemaVersion !== SCHEMA_VERSION) {
    throw new WasmbenchError(
      `${path} has schemaVersion ${String(data.schemaVersion)}; this wasmbench reads version ${SCHEMA_VERSION}`,
      1,
      'render it with the wasmbench version that wrote it (see "tool.version" in the file)',
    );
  }
  return data as ResultsFile;
}
