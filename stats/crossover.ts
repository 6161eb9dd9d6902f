/**
 * Interpreter-vs-compiled crossover: after how many iterations does a tier
 * that starts slower (it compiles) but runs faster win over one that starts
 * sooner but runs slower? Pure arithmetic on measured figures.
 *
 * Model (linear): total(N) = timeToFirstResult + (N - 1) x steadyIter,
 * where timeToFirstResult is process start to the end of the first
 * iteration and steadyIter the per-iteration latency after the first.
 */

/** The two measured figures of one tier. */
export interface TierCost {
  timeToFirstResultNs: number;
  steadyIterNs: number;
}

/** Modelled total time to finish N iterations (N >= 1). */
export function totalNs(tier: TierCost, iterations: number): number {
  if (!Number.isInteger(iterations) || iterations < 1) throw new RangeError(`iterations must be an integer >= 1, got ${iterations}`);
  return tier.timeToFirstResultNs + (iterations - 1) * tier.steadyIterNs;
}

/**
 * The smallest N >= 1 at which `fast`'s total time is strictly below
 * `slow`'s, or null when the lines never cross (fast is not faster per
 * iteration and does not start sooner).
 */
export function crossoverIterations(fast: TierCost, slow: TierCost): number | null {
  if (fast.timeToFirstResultNs < slow.timeToFirstResultNs) return 1;
  const gainPerIterNs = slow.steadyIterNs - fast.steadyIterNs;
  if (gainPerIterNs <= 0) return null;
  const headStartNs = fast.timeToFirstResultNs - slow.timeToFirstResultNs;
  // (N - 1) x gain > headStart  <=>  N - 1 = floor(headStart / gain) + 1
  return Math.floor(headStartNs / gainPerIterNs) + 2;
}

/** Order two tiers: the one with the lower steady-state latency is `fast` (ties: the sooner first result). */
export function orderTiers<T extends TierCost>(a: T, b: T): { fast: T; slow: T } {
  if (a.steadyIterNs !== b.steadyIterNs) return a.steadyIterNs < b.steadyIterNs ? { fast: a, slow: b } : { fast: b, slow: a };
  return a.timeToFirstResultNs <= b.timeToFirstResultNs ? { fast: a, slow: b } : { fast: b, slow: a };
}

/** Element-wise sums of two equally long series (per-process time to first result). */
export function pairwiseSum(a: readonly number[], b: readonly number[]): number[] {
  if (a.length !== b.length) throw new RangeError(`series differ in length: ${a.length} vs ${b.length}`);
  return a.map((x, i) => x + b[i]);
}

/**
 * The per-iteration samples after the first of each process, from a pooled
 * series where every process contributed `perProcess` values in order.
 */
export function afterFirstOfEach(pooled: readonly number[], perProcess: number): number[] {
  if (!Number.isInteger(perProcess) || perProcess < 1) throw new RangeError(`perProcess must be an integer >= 1, got ${perProcess}`);
  return pooled.filter((_, i) => i % perProcess !== 0);
}
