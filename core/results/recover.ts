/**
 * Killed runs. results.json is rewritten at most once a second and its
 * `state` says `running` until the run ends, while samples.jsonl gets every
 * sample as it is taken. A run killed outright (SIGKILL, OOM killer, a CI
 * timeout, power loss) leaves a `running` file missing its last samples; a
 * reader rebuilds it from samples.jsonl and marks it `interrupted` with
 * `recovered: true`, so nothing measured is lost and nothing passes as complete.
 */
import { createReadStream, existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { buildHistogram } from '../../stats/histogram.ts';
import { summarize } from '../../stats/summary.ts';
import { HistogramAccumulator } from '../../stats/histogram-stream.ts';
import { finishStreamMetric } from './recorder.ts';
import { settleCase } from './settle.ts';
import type { CaseResult, ResultsFile, SampleError } from './schema.ts';
import { SAMPLES_LOG } from './store.ts';

/** What recovery did, for the console and the reports. */
export interface Recovery {
  /** The samples.jsonl read (null when there was none: only results.json's own samples remain). */
  log: string | null;
  /** Samples found in samples.jsonl that results.json did not hold yet. */
  samplesAdded: number;
  /** Lines of samples.jsonl that were not a sample record (e.g. one cut short by the kill). */
  linesSkipped: number;
  /** Ids of the cases the kill cut short. */
  incompleteCases: string[];
}

interface CaseLog {
  values: Map<string, number[]>;
  errors: SampleError[];
  measured: number;
  failed: number;
}

/** True while the process that writes this file still runs here (then it is not killed, just not finished). */
export function writerAlive(file: ResultsFile): boolean {
  if (file.state !== 'running' || file.pid === undefined) return false;
  // A file from another machine (a CI artifact): its writer cannot be asked, and is gone from here.
  if (file.environment.hostname !== undefined && file.environment.hostname !== hostname()) return false;
  try {
    process.kill(file.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readLog(path: string): Promise<{ cases: Map<string, CaseLog>; skipped: number }> {
  const cases = new Map<string, CaseLog>();
  let skipped = 0;
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    let record: {
      caseId?: unknown;
      phase?: unknown;
      index?: unknown;
      ok?: unknown;
      metrics?: unknown;
      error?: unknown;
    };
    try {
      record = JSON.parse(line);
    } catch {
      skipped++;
      continue;
    }
    if (typeof record.caseId !== 'string' || (record.phase !== 'warmup' && record.phase !== 'measure')) {
      skipped++;
      continue;
    }
    const log: CaseLog = cases.get(record.caseId) ?? { values: new Map(), errors: [], measured: 0, failed: 0 };
    cases.set(record.caseId, log);
    if (
      record.ok === true &&
      record.phase === 'measure' &&
      typeof record.metrics === 'object' &&
      record.metrics !== null
    ) {
      log.measured++;
      for (const [name, value] of Object.entries(record.metrics)) {
        const finite = [value].flat().filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
        const values = log.values.get(name) ?? [];
        if (!log.values.has(name)) log.values.set(name, values);
        for (const v of finite) values.push(v);
      }
    } else if (record.ok === false && typeof record.error === 'object' && record.error !== null) {
      const error = record.error as SampleError;
      if (record.phase === 'measure') log.failed++;
      log.errors.push({ ...error, message: record.phase === 'warmup' ? `warmup: ${error.message}` : error.message });
    }
  }
  return { cases, skipped };
}

/** Put every logged sample back into its case; returns how many results.json lacked. */
function restoreCase(c: CaseResult, log: CaseLog): number {
  let added = 0;
  for (const [name, values] of log.values) {
    c.metrics[name] ??= { unit: 'ns', samples: [], summary: null };
    const metric = c.metrics[name];
    if (metric.storage === 'histogram') {
      // A high-volume metric (schemaVersion 2) is kept as a histogram: rebuild it from every logged value.
      if (values.length <= (metric.exact?.count ?? 0)) continue;
      added += values.length - (metric.exact?.count ?? 0);
      const stream = new HistogramAccumulator(metric.unit === 'us' ? 'us' : 'ns');
      stream.add(values);
      finishStreamMetric(metric, stream);
      continue;
    }
    if (values.length <= metric.samples.length) continue;
    added += values.length - metric.samples.length;
    metric.samples = values;
    metric.summary = summarize(values);
    if (metric.histogram)
      metric.histogram = buildHistogram(values, { unit: metric.histogram.unit }) ?? metric.histogram;
  }
  if (log.errors.length > c.errors.length) c.errors = log.errors;
  return added;
}

/** Rebuild a killed run's file in place from the samples.jsonl beside `resultsPath`. */
export async function recoverKilledRun(file: ResultsFile, resultsPath: string): Promise<Recovery> {
  const logPath = join(dirname(resultsPath), SAMPLES_LOG);
  const { cases: logs, skipped } = existsSync(logPath)
    ? await readLog(logPath)
    : { cases: new Map<string, CaseLog>(), skipped: 0 };
  let samplesAdded = 0;
  const incompleteCases: string[] = [];
  for (const c of file.cases) {
    const log: CaseLog = logs.get(c.id) ?? { values: new Map(), errors: [], measured: 0, failed: 0 };
    samplesAdded += restoreCase(c, log);
    if (c.status !== 'ok') continue;
    const finished = c.iterations !== undefined && log.measured + log.failed >= c.iterations;
    settleCase(c, { measured: log.measured, errors: log.failed, stoppedReason: finished ? null : 'killed' });
    if (c.incomplete) incompleteCases.push(c.id);
  }
  file.state = 'interrupted';
  file.recovered = true;
  return { log: existsSync(logPath) ? logPath : null, samplesAdded, linesSkipped: skipped, incompleteCases };
}
