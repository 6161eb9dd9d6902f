/**
 * When does compiling ahead of time pay? Pure arithmetic on measured
 * figures, with the compile counted (issue 14: a crossover that starts from a
 * free compile flatters AOT).
 *
 * Runs: compile once, then R runs of the compiled artifact, against R runs
 * without it: precompile + R x compiledRun < R x otherRun.
 * Calls (iterations in one process): the compiled tier's time to first
 * result starts after the compile, then stats/crossover.ts's model applies.
 */
import { crossoverIterations, type TierCost } from './crossover.ts';

/** The smallest number of runs R >= 1 after which compile-then-run is strictly faster in total, or null when it never is. */
export function runsToPayBack(precompileNs: number, compiledRunNs: number, otherRunNs: number): number | null {
  const gainPerRunNs = otherRunNs - compiledRunNs;
  if (gainPerRunNs <= 0) return null;
  // precompile + R x compiled < R x other  <=>  R > precompile / gain
  return Math.floor(precompileNs / gainPerRunNs) + 1;
}

/** Calls in one process after which compile-then-run wins, the compile counted before the first call; null when never. */
export function callsToPayBack(precompileNs: number, compiled: TierCost, other: TierCost): number | null {
  const withCompile = {
    timeToFirstResultNs: compiled.timeToFirstResultNs + precompileNs,
    steadyIterNs: compiled.steadyIterNs,
  };
  return crossoverIterations(withCompile, other);
}
