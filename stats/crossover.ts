/**
 * Interpreter-vs-compiled crossover: after how many iterations does a tier
 * that starts slower (it compiles) but runs faster win over one that starts
 * sooner but runs slower? Pure arithmetic on measured figures.
 *
 * Model (linear): total(N) = timeToFirstResult + (N - 1) x steadyIter,
 * where timeToFirstResult is process start to the end of the first
 * iteration and steadyIter the per-iteration latency after the first.
 * The suite's crossover analyses and the report's tiers chart both take
 * their figures from tierCostFromSamples, so the two never disagree.
 */
import { median } from './summary.ts';

/** The two measured figures of one tier. */
export interface TierCost {
  timeToFirstResultNs: number;
  steadyIterNs: number;
}

/** Modelled total time to finish N iterations (N >= 1). */
export function totalNs(tier: TierCost, iterations: number): number {
  if (!Number.isInteger(iterations) || iterations < 1)
    throw new RangeError(`iterations must be an integer >= 1, got ${iterations}`);
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
  if (a.steadyIterNs !== b.steadyIterNs)
    return a.steadyIterNs < b.steadyIterNs ? { fast: a, slow: b } : { fast: b, slow: a };
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
  if (!Number.isInteger(perProcess) || perProcess < 1)
    throw new RangeError(`perProcess must be an integer >= 1, got ${perProcess}`);
  return pooled.filter((_, i) => i % perProcess !== 0);
}

/** One case's samples as the model reads them: pooled per-iteration times in process order. */
export interface TierSamples {
  firstIterNs: readonly number[];
  iterNs: readonly number[];
  mainEntryNs?: readonly number[];
  steadyIterNs?: readonly number[];
  /** Only used without mainEntryNs: time to first result = wall minus the steady iterations after it. */
  wallNs?: readonly number[];
}

/**
 * The model's two figures (medians): time to first result = mainEntry +
 * first iteration, per process where the series pair up; steady iteration =
 * the iterations after each process's first.
 */
export function tierCostFromSamples(s: TierSamples): TierCost & { iterationsPerProcess: number } {
  const first = s.firstIterNs.length ? s.firstIterNs : s.iterNs.slice(0, 1);
  const perProcess = Math.max(1, Math.round(s.iterNs.length / Math.max(1, first.length)));
  const pooledInOrder = perProcess > 1 && Number.isInteger(s.iterNs.length / perProcess);
  const steady = s.steadyIterNs?.length
    ? s.steadyIterNs
    : pooledInOrder
      ? afterFirstOfEach(s.iterNs, perProcess)
      : s.iterNs;
  const steadyIterNs = median(steady);
  const mainEntry = s.mainEntryNs ?? [];
  const timeToFirstResultNs = mainEntry.length
    ? mainEntry.length === first.length
      ? median(pairwiseSum(mainEntry, first))
      : median(mainEntry) + median(first)
    : Math.max(0, (s.wallNs?.length ? median(s.wallNs) : 0) - (perProcess - 1) * steadyIterNs);
  return { timeToFirstResultNs, steadyIterNs, iterationsPerProcess: perProcess };
}

/** One case's samples of a Sightglass module: each process ran the bench.start..bench.end region once. */
export interface RegionSamples {
  /** Spawn to exit, one region included. */
  wallNs: readonly number[];
  /** bench.end minus bench.start. */
  benchNs: readonly number[];
}

/**
 * The model's two figures for a module that marks its measured region
 * (medians): time to first result = spawn to exit, the one region included;
 * steady iteration = the region itself, so N counts runs of the region in
 * one process.
 */
export function tierCostFromRegion(s: RegionSamples): TierCost & { iterationsPerProcess: number } {
  return { timeToFirstResultNs: median(s.wallNs), steadyIterNs: median(s.benchNs), iterationsPerProcess: 1 };
}
