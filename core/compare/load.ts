/**
 * What compare, gate and merge need of a loaded results file beyond the
 * reader (core/results/read.ts validates every file they read): complete
 * runs on both sides, and the environment a case was measured in.
 */
import { EXIT, WasmbenchError } from '../errors.ts';
import type { CaseResult, Environment, ResultsFile } from '../results/model.ts';
import { loadResults, type LoadedResults } from '../results/read.ts';
import { loadedNote } from '../results/state.ts';

export type { LoadedResults };

export interface LoadedPair {
  base: LoadedResults;
  head: LoadedResults;
  /** `base: <why it is incomplete>` for each side compared anyway (allowIncomplete). */
  incomplete: string[];
}

/**
 * Base and head for compare / gate. A run that was interrupted, killed
 * (recovered) or is still running is refused (exit 1) unless
 * `allowIncomplete`: figures from a run cut short are not a verdict.
 */
export async function loadPair(
  baseDir: string,
  headDir: string,
  options: { allowIncomplete?: boolean } = {},
): Promise<LoadedPair> {
  const [base, head] = await Promise.all([loadResults(baseDir), loadResults(headDir)]);
  const incomplete: string[] = [];
  for (const [side, loaded] of [
    ['base', base],
    ['head', head],
  ] as const) {
    const note = loadedNote(loaded);
    if (!note) continue;
    if (!options.allowIncomplete) {
      throw new WasmbenchError(
        `${side} is incomplete: ${note}`,
        EXIT.measurementError,
        're-run it to completion, or pass --allow-incomplete to compare what was measured (every case cut short is marked)',
      );
    }
    incomplete.push(`${side} ${note}`);
  }
  return { base, head, incomplete };
}

/** The environment a case was measured in: its own (merged files) or its file's. */
export function caseEnvironment(c: CaseResult, file: ResultsFile): Environment {
  return c.environment ?? file.environment;
}

/** The CPU architecture a case ran on: its own environment (after merge), else the file's. */
export function archOf(c: CaseResult, file: ResultsFile): string {
  return caseEnvironment(c, file).arch;
}

export function cpuModelOf(c: CaseResult, file: ResultsFile): string {
  return caseEnvironment(c, file).cpuModel;
}
