/**
 * What compare, gate and merge need of a loaded results file beyond the
 * reader (core/results/read.ts validates every file they read): the
 * environment a case was measured in.
 */
import type { CaseResult, Environment, ResultsFile } from '../results/model.ts';

export type { LoadedResults } from '../results/read.ts';

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
