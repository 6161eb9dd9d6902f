/**
 * `merge`: several runs (e.g. an x64 and an ARM64 CI job) into one results
 * file. Every case keeps its run id and environment, so one report can put
 * architectures side by side and the gate still compares like with like.
 */
import { isDeepStrictEqual } from 'node:util';
import { UsageError } from './errors.ts';
import { SCHEMA_VERSION, type CaseResult, type ResultsFile, type RuntimeRecord } from './results/model.ts';
import type { LoadedResults } from './compare/load.ts';
import { nativeRatios } from './ab/native-ratio.ts';

/** One input run as recorded in the merged file's `merged-runs` analysis. */
export interface MergedRun {
  runId: string;
  path: string;
  arch: unknown;
  cpuModel: unknown;
  startedAt: string;
  cases: number;
}

function stamped(c: CaseResult, file: ResultsFile): CaseResult {
  return { ...c, runId: c.runId ?? file.runId, environment: c.environment ?? file.environment };
}

function runtimeKey(r: RuntimeRecord): string {
  return JSON.stringify([r.id, r.host, r.arch, r.version, r.path]);
}

/** Cases and run ids of every input; the same run merged twice is refused (it would double its cases). */
function collectCases(inputs: readonly LoadedResults[]): CaseResult[] {
  const seen = new Map<string, string>();
  const cases: CaseResult[] = [];
  for (const { path, file } of inputs) {
    for (const c of file.cases.map((x) => stamped(x, file))) {
      const identity = `${c.runId}\0${c.id}`;
      if (seen.has(identity)) {
        throw new UsageError(
          `case "${c.id}" of run ${c.runId} is in both ${seen.get(identity)} and ${path}`,
          'pass each run directory once',
        );
      }
      seen.set(identity, path);
      cases.push(c);
    }
  }
  return cases;
}

export function mergeResults(inputs: readonly LoadedResults[], runId: string): ResultsFile {
  if (inputs.length === 0)
    throw new UsageError('merge needs at least one results directory', 'wasmbench merge DIR... --out DIR');
  const first = inputs[0].file;
  const cases = collectCases(inputs);
  const runtimes = new Map<string, RuntimeRecord>();
  for (const { file } of inputs) for (const r of file.runtimes ?? []) runtimes.set(runtimeKey(r), r);
  const runs: MergedRun[] = inputs.map(({ path, file }) => ({
    runId: file.runId,
    path,
    arch: file.environment.arch,
    cpuModel: file.environment.cpuModel,
    startedAt: file.startedAt,
    cases: file.cases.length,
  }));
  const sameEnvironment = inputs.every(({ file }) => isDeepStrictEqual(file.environment, first.environment));
  const starts = inputs.map(({ file }) => file.startedAt).sort();
  const ends = inputs
    .map(({ file }) => file.finishedAt)
    .filter((t): t is string => t !== null)
    .sort();
  return {
    schemaVersion: SCHEMA_VERSION,
    runId,
    startedAt: starts[0],
    finishedAt: ends.length === inputs.length ? ends[ends.length - 1] : null,
    state: inputs.every(({ file }) => file.state === 'complete') ? 'complete' : 'interrupted',
    ...(inputs.some(({ file }) => file.recovered) ? { recovered: true as const } : {}),
    tool: first.tool,
    seed: first.seed,
    config: first.config,
    // The top level describes the first run; each case carries its own environment.
    environment: sameEnvironment
      ? first.environment
      : { ...first.environment, merged: runs.map(({ runId: id, arch, cpuModel }) => ({ runId: id, arch, cpuModel })) },
    runtimes: [...runtimes.values()],
    cases,
    analyses: [
      { kind: 'merged-runs', runs },
      ...inputs.flatMap(({ file }) => (file.analyses ?? []).map((a) => ({ ...a, runId: a.runId ?? file.runId }))),
      // Runs recorded before native-ratio existed (or by `run`, which does not add it) get it here, per run.
      ...inputs
        .filter(({ file }) => !(file.analyses ?? []).some((a) => a.kind === 'native-ratio'))
        .flatMap(({ file }) => nativeRatios(file.cases.map((c) => stamped(c, file)))),
    ],
  };
}
