/**
 * The `compile-payback` analyses of a results file (suites/startup/compile-payback.ts
 * computes them), as sentences for summary.md, report.html and the tiers chart.
 */
import type { CompilePaybackAnalysis, ResultsFile } from '../core/results/schema.ts';
import { formatNs } from './format.ts';

export interface Payback {
  runtime: string;
  fixture: string;
  question: string;
  compiledMode: string;
  compiledModeName: string;
  precompileNs: number;
  runs: number | null;
  calls: number | null;
}

export function paybacks(file: ResultsFile): Payback[] {
  return (file.analyses ?? [])
    .filter((a): a is CompilePaybackAnalysis => a.kind === 'compile-payback')
    .map((a) => ({
      runtime: a.runtime,
      fixture: a.fixture,
      question: a.question,
      compiledMode: a.compiled.mode,
      compiledModeName: a.compiled.modeName,
      precompileNs: a.precompileNs,
      runs: a.runs,
      calls: a.calls,
    }));
}

/** "wasmedge fib, interpreter vs compile-then-run: compiling (wasmedge compile, 750 ms) pays after 3 runs, or 1200 calls in one process". */
export function paybackSentence(p: Payback): string {
  const runs =
    p.runs !== null
      ? `pays after ${p.runs} run${p.runs === 1 ? '' : 's'}`
      : 'never pays back over whole runs (a compiled run is not faster)';
  const calls = p.calls !== null ? `, or ${p.calls} call${p.calls === 1 ? '' : 's'} in one process` : '';
  return `${p.runtime} ${p.fixture}, ${p.question}: compiling (${p.compiledModeName}, ${formatNs(p.precompileNs)}) ${runs}${calls}`;
}
