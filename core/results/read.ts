/**
 * The one reader of results files: report, compare, gate, merge, ab, the
 * bench scripts and the test fixtures all read through here, so they accept
 * and reject the same files with the same message.
 *
 * A file is dispatched on its schemaVersion to that version's reader (READERS),
 * which validates it with the zod schema and returns the current shape. A
 * file a killed run left `running` is recovered from samples.jsonl and
 * marked `interrupted` + `recovered` (recover.ts); state.ts says so in words.
 * Problems name the path inside the file; a file that exists but is not a
 * valid results file is exit 1 (a corrupt head must never pass a gate), a
 * path that does not exist is exit 2 (usage).
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { EXIT, UsageError, WasmbenchError } from '../errors.ts';
import { RESULTS_FILE } from './store.ts';
import {
  resultsFileSchema,
  resultsFileSchemaV1,
  SCHEMA_VERSION,
  SCHEMA_VERSION_1,
  type ResultsFile,
} from './schema.ts';
import { assertHistogramsSound } from './metric-view.ts';
import { describeIssues } from './issues.ts';
import { recoverKilledRun, writerAlive, type Recovery } from './recover.ts';

export interface LoadedResults {
  /** The results.json path that was read. */
  path: string;
  file: ResultsFile;
  /** Set when the file was left `running` by a killed run and rebuilt from samples.jsonl (in memory). */
  recovery?: Recovery;
}

const CORRUPT_HINT =
  're-run the benchmark, or correct the value by hand; `wasmbench schema results` prints the JSON Schema a results file must follow';

/**
 * One reader per schemaVersion this wasmbench reads, each returning the
 * current ResultsFile. A version bump adds its schema here and turns the
 * previous reader into a converter from the old shape.
 */
const READERS: Record<number, (data: unknown, path: string) => ResultsFile> = {
  [SCHEMA_VERSION]: (data, path) => withSoundHistograms(validated(resultsFileSchema, data, path), path),
  // Version 1 had every sample in `samples` and no histogram storage: the same file under the current number.
  [SCHEMA_VERSION_1]: (data, path) =>
    withSoundHistograms({ ...validated(resultsFileSchemaV1, data, path), schemaVersion: SCHEMA_VERSION }, path),
};

/** Histogram-stored metrics must decode and agree with their summary: a clear error here, never a wrong figure later. */
function withSoundHistograms(file: ResultsFile, path: string): ResultsFile {
  assertHistogramsSound(file.cases, path);
  return file;
}

export const READABLE_VERSIONS = Object.keys(READERS).map(Number);

/**
 * Validate with a schema. The input object is returned as read, not zod's
 * copy: zod drops keys it does not know, and a field added by a newer
 * writer must survive `merge`.
 */
function validated<S extends z.ZodType>(schema: S, data: unknown, path: string): z.infer<S> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return data as z.infer<S>;
  throw new WasmbenchError(
    `${path} is corrupt: ${describeIssues(parsed.error.issues, data)}`,
    EXIT.measurementError,
    CORRUPT_HINT,
  );
}

/** Accepts a results directory or a results.json path. */
export async function resultsPathOf(dirOrFile: string): Promise<string> {
  const info = await stat(dirOrFile).catch(() => null);
  if (!info)
    throw new UsageError(
      `no such results file or directory: ${dirOrFile}`,
      'pass the --out directory of a `wasmbench run`',
    );
  return info.isDirectory() ? join(dirOrFile, RESULTS_FILE) : dirOrFile;
}

/** Validate parsed JSON as a results file of any version this wasmbench reads. */
export function parseResults(data: unknown, path: string): ResultsFile {
  if (
    typeof data !== 'object' ||
    data === null ||
    Array.isArray(data) ||
    !('schemaVersion' in data || 'cases' in data)
  ) {
    throw new WasmbenchError(
      `${path} is not a wasmbench results file (no "schemaVersion" or "cases")`,
      EXIT.measurementError,
      'pass the results.json (or the directory) written by `wasmbench run` or `wasmbench merge`',
    );
  }
  const version = (data as { schemaVersion?: unknown }).schemaVersion;
  const reader = typeof version === 'number' ? READERS[version] : undefined;
  if (!reader) {
    throw new WasmbenchError(
      `${path} has schemaVersion ${JSON.stringify(version)}; this wasmbench reads version ${READABLE_VERSIONS.join(', ')}`,
      EXIT.measurementError,
      'render it with the wasmbench version that wrote it (see "tool.version" in the file)',
    );
  }
  return reader(data, path);
}

/** Read, parse and validate a results file; a killed run's file is recovered from its samples.jsonl (recover.ts). */
export async function loadResults(dirOrFile: string): Promise<LoadedResults> {
  const path = await resultsPathOf(dirOrFile);
  const text = await readFile(path, 'utf8').catch((err: Error) => {
    throw new UsageError(`cannot read ${path}: ${err.message}`, 'pass the --out directory of a `wasmbench run`');
  });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new WasmbenchError(
      `${path} is not valid JSON (${(err as Error).message})`,
      EXIT.measurementError,
      'the file is corrupt or was cut short; re-run the benchmark',
    );
  }
  const file = parseResults(data, path);
  if (file.state === 'running' && !writerAlive(file))
    return { path, file, recovery: await recoverKilledRun(file, path) };
  return { path, file };
}

export async function readResults(dirOrFile: string): Promise<ResultsFile> {
  return (await loadResults(dirOrFile)).file;
}
