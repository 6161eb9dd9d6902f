/**
 * Reading a results file for compare, gate and merge, and checking the parts
 * they rely on. A malformed file is an error (exit 1) naming what is wrong,
 * so a corrupt head can never pass for a regression.
 */
import { readResults, resultsPathOf } from '../results/read.ts';
import { WasmbenchError } from '../errors.ts';
import type { CaseResult, ResultsFile } from '../results/model.ts';

export interface LoadedResults {
  /** The results.json path that was read. */
  path: string;
  file: ResultsFile;
}

export async function loadResultsForCompare(dirOrFile: string): Promise<LoadedResults> {
  const path = await resultsPathOf(dirOrFile);
  const file = await readResults(dirOrFile);
  const problem = file.cases.map((c, i) => caseProblem(c, i)).find((p) => p !== null);
  if (problem) {
    throw new WasmbenchError(`${path} is corrupt: ${problem}`, 1, 're-run the benchmark; a results file is only written by `wasmbench run` or `wasmbench merge`');
  }
  if (typeof file.environment !== 'object' || file.environment === null) {
    throw new WasmbenchError(`${path} is corrupt: "environment" is not an object`, 1);
  }
  return { path, file };
}

function caseProblem(c: CaseResult, index: number): string | null {
  if (typeof c !== 'object' || c === null) return `cases[${index}] is not an object`;
  const where = `case ${typeof c.id === 'string' ? `"${c.id}"` : `#${index}`}`;
  if (typeof c.id !== 'string' || c.id === '') return `cases[${index}] has no "id"`;
  if (!['ok', 'errored', 'skipped'].includes(c.status)) return `${where} has status ${JSON.stringify(c.status)}`;
  if (typeof c.metrics !== 'object' || c.metrics === null) return `${where} has no "metrics" object`;
  for (const [name, metric] of Object.entries(c.metrics)) {
    if (typeof metric !== 'object' || metric === null || !Array.isArray(metric.samples)) return `${where} metric "${name}" has no "samples" array`;
    const bad = metric.samples.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v));
    if (bad !== -1) return `${where} metric "${name}" sample ${bad} is ${JSON.stringify(metric.samples[bad])}, not a finite number`;
  }
  return null;
}

/** The environment a case was measured in: its own (merged files) or its file's. */
export function caseEnvironment(c: CaseResult, file: ResultsFile): Record<string, unknown> {
  return c.environment ?? file.environment;
}

export function archOf(c: CaseResult, file: ResultsFile): string {
  return String(caseEnvironment(c, file).arch ?? 'unknown');
}

export function cpuModelOf(c: CaseResult, file: ResultsFile): string {
  return String(caseEnvironment(c, file).cpuModel ?? 'unknown');
}
