/**
 * "When does compiling pay?", with the compile counted: every precompiled
 * case that measured `precompileNs` is set against every case of the same
 * runtime and workload that does without the artifact (the interpreter, a
 * JIT, the same tier with a cold or warm cache). Two answers per pair:
 * - runs: precompile once + R runs of the artifact vs R runs without it
 *   (median wallNs per process);
 * - calls: in one process, compile + time to first result + (N - 1) x steady
 *   iteration vs the other tier's (compute workloads only).
 */
import type { Analysis, CaseResult } from '../../core/results/model.ts';
import { callsToPayBack, runsToPayBack } from '../../stats/payback.ts';
import { quantile } from '../../stats/summary.ts';
import { tierFigures } from './crossover.ts';

export const PAYBACK_MODEL =
  'runs: precompileNs + R x wallNs(compiled) < R x wallNs(other), medians; calls: precompileNs + timeToFirstResult + (N - 1) x steadyIter, ' +
  "against the other tier's timeToFirstResult + (N - 1) x steadyIter (the crossover model with the compile added to the compiled tier's start)";

const median = (xs: readonly number[]): number =>
  quantile(
    [...xs].sort((a, b) => a - b),
    0.5,
  );

/** What the pair answers, in the words a user asks it. */
export function paybackQuestion(compiled: CaseResult, other: CaseResult): string {
  if (other.mode === 'interpreter') return 'interpreter vs compile-then-run';
  if (other.mode === compiled.mode) return `${other.cacheState} vs precompiled cache`;
  return `${other.mode} (${other.cacheState}) vs compile-then-run`;
}

function sameWorkload(a: CaseResult, b: CaseResult): boolean {
  return (
    a.runtime === b.runtime &&
    a.fixture === b.fixture &&
    a.params?.view !== 'call' &&
    b.params?.view !== 'call' &&
    JSON.stringify(a.params?.args ?? null) === JSON.stringify(b.params?.args ?? null)
  );
}

function medianOf(c: CaseResult, metric: string): number | null {
  const samples = c.metrics[metric]?.samples ?? [];
  return samples.length ? Math.round(median(samples)) : null;
}

/** `compile-payback` analyses for every precompiled case with a measured compile. */
export function compilePaybackAnalyses(cases: readonly CaseResult[]): Analysis[] {
  const analyses: Analysis[] = [];
  const ok = cases.filter((c) => c.status === 'ok');
  for (const compiled of ok.filter((c) => c.cacheState === 'precompiled')) {
    const precompileNs = medianOf(compiled, 'precompileNs');
    const compiledRunNs = medianOf(compiled, 'wallNs');
    if (precompileNs === null || compiledRunNs === null) continue;
    const compiledTier = tierFigures(compiled);
    for (const other of ok.filter((c) => c.cacheState !== 'precompiled' && sameWorkload(c, compiled))) {
      const otherRunNs = medianOf(other, 'wallNs');
      if (otherRunNs === null) continue;
      const otherTier = tierFigures(other);
      analyses.push({
        kind: 'compile-payback',
        runtime: compiled.runtime,
        fixture: compiled.fixture,
        question: paybackQuestion(compiled, other),
        compiled: { mode: compiled.mode, modeName: compiled.modeName, cacheState: compiled.cacheState },
        other: { mode: other.mode, modeName: other.modeName, cacheState: other.cacheState },
        precompileNs,
        artifactBytes: medianOf(compiled, 'artifactBytes'),
        compiledRunNs,
        otherRunNs,
        runs: runsToPayBack(precompileNs, compiledRunNs, otherRunNs),
        calls: compiledTier && otherTier ? callsToPayBack(precompileNs, compiledTier, otherTier) : null,
        model: PAYBACK_MODEL,
      });
    }
  }
  return analyses;
}
