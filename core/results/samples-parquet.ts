/**
 * samples.parquet: every raw sample of a run as one long-format table
 * (run, suite, runtime, mode, cacheState, workload, metric, unit, index,
 * value, arch, then modeName and caseId), readable by DuckDB, pandas and
 * polars. Written with parquet-wasm from Apache Arrow record batches, one
 * batch per (case, metric) slice of at most BATCH_ROWS rows, streamed to the
 * file so memory stays at one batch whatever the run's size. Text columns
 * are dictionary-encoded (one value per batch), values are float64, zstd.
 *
 * parquet-wasm is a WebAssembly module: it is imported only here, after
 * measuring is over, so the harness never loads a Wasm engine of its own
 * while a runtime is being measured.
 */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { Dictionary, Int8, makeData, makeTable, makeVector, tableToIPC, Utf8, vectorFromArray } from 'apache-arrow';
import type { CaseResult, ResultsFile } from './model.ts';

export const SAMPLES_PARQUET = 'samples.parquet';
const BATCH_ROWS = 1 << 20;

/** The text columns, in the table's order around index and value. */
export const KEY_COLUMNS = ['run', 'suite', 'runtime', 'mode', 'cacheState', 'workload', 'metric', 'unit'] as const;
export const TAIL_COLUMNS = ['arch', 'modeName', 'caseId'] as const;

export type SampleKeys = Record<(typeof KEY_COLUMNS)[number] | (typeof TAIL_COLUMNS)[number], string>;

/** The text columns of one case's metric; arch is the case's own (after merge), else the file's. */
export function sampleKeys(c: CaseResult, file: ResultsFile, metric: string, unit: string): SampleKeys {
  return {
    run: c.runId ?? file.runId,
    suite: c.suite,
    runtime: c.runtime,
    mode: c.mode,
    cacheState: c.cacheState,
    workload: c.fixture,
    metric,
    unit,
    arch: String((c.environment ?? file.environment)?.arch ?? 'unknown'),
    modeName: c.modeName,
    caseId: c.id,
  };
}

/** One case's values of one metric: `values[i]` is row index i. */
export interface SampleChunk {
  keys: SampleKeys;
  values: ArrayLike<number>;
}

const EMPTY: SampleChunk = {
  keys: Object.fromEntries([...KEY_COLUMNS, ...TAIL_COLUMNS].map((k) => [k, ''])) as SampleKeys,
  values: [],
};

/** A column holding one string n times: a one-entry dictionary and n zero indices. */
function constantColumn(text: string, n: number) {
  const dictionary = vectorFromArray([text], new Utf8());
  return makeVector(
    makeData({ type: new Dictionary(new Utf8(), new Int8()), length: n, data: new Int8Array(n), dictionary }),
  );
}

function arrowBatchIpc(chunk: SampleChunk, start: number, end: number): Uint8Array {
  const n = end - start;
  const index = new Int32Array(n);
  const value = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    index[i] = start + i;
    value[i] = chunk.values[start + i];
  }
  const text = (names: readonly (keyof SampleKeys)[]) =>
    Object.fromEntries(names.map((k) => [k, constantColumn(chunk.keys[k], n)]));
  return tableToIPC(makeTable({ ...text(KEY_COLUMNS), index, value, ...text(TAIL_COLUMNS) }), 'stream');
}

/**
 * Write `chunks` to `path` (via a temporary file and a rename, so a failed
 * write never leaves a truncated samples.parquet). Returns the row count.
 * @throws the underlying error (ENOSPC, EACCES, ...) after removing the temporary file.
 */
export async function writeSamplesParquet(path: string, chunks: Iterable<SampleChunk>): Promise<number> {
  const pq = await import('parquet-wasm');
  const iterator = chunks[Symbol.iterator]();
  let current: SampleChunk | null = null;
  let offset = 0;
  let rows = 0;
  let batchesSent = 0;
  const batches = new ReadableStream({
    pull(controller) {
      while (!current || offset >= current.values.length) {
        const next = iterator.next();
        if (next.done) {
          // A run with no samples still gets a file with the table's columns.
          if (batchesSent === 0) controller.enqueue(pq.Table.fromIPCStream(arrowBatchIpc(EMPTY, 0, 0)).recordBatch(0)!);
          return controller.close();
        }
        current = next.value;
        offset = 0;
      }
      batchesSent++;
      const end = Math.min(current.values.length, offset + BATCH_ROWS);
      const table = pq.Table.fromIPCStream(arrowBatchIpc(current, offset, end));
      for (const batch of table.recordBatches()) controller.enqueue(batch);
      rows += end - offset;
      offset = end;
    },
  });
  const props = new pq.WriterPropertiesBuilder().setCompression(pq.Compression.ZSTD).build();
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    const bytes = await pq.transformParquetStream(batches, props);
    await bytes.pipeTo(Writable.toWeb(createWriteStream(tmp)));
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  return rows;
}

/** Read a samples.parquet back into an Apache Arrow table (tests, and users' own scripts). */
export async function readSamplesParquet(bytes: Uint8Array) {
  const [pq, arrow] = await Promise.all([import('parquet-wasm'), import('apache-arrow')]);
  return arrow.tableFromIPC(pq.readParquet(bytes).intoIPCStream());
}
