/**
 * Each startup case's cold start as a ratio to the baselines measured in the
 * same run: the native build and the same program in a container. Ratios
 * of medians of wallNs, same fixture (and architecture); a baseline that
 * was not measured (or failed) leaves the ratio out.
 */
import type { CaseResult, ResultsFile } from '../core/results/model.ts';
import { archOf, plottableMetric } from './report-data.ts';

export const BASELINES = ['native', 'container'] as const;
export type Baseline = (typeof BASELINES)[number];

function medianWall(c: CaseResult): number | null {
  return plottableMetric(c, 'wallNs')?.summary?.median ?? null;
}

/** The baseline case for a fixture: ok, with a wall-time median; a container's cold state first. */
function baselineCase(
  cases: readonly CaseResult[],
  runtime: Baseline,
  fixture: string,
  arch: string,
  file: ResultsFile,
): CaseResult | null {
  const candidates = cases.filter(
    (c) =>
      c.runtime === runtime && c.fixture === fixture && archOf(c, file) === arch && c.status === 'ok' && medianWall(c),
  );
  return candidates.find((c) => c.cacheState === 'cold') ?? candidates[0] ?? null;
}

/** ratio[baseline] = this case's median wall time / the baseline's, when both exist. */
export function baselineRatios(
  file: ResultsFile,
  c: CaseResult,
  cases: readonly CaseResult[],
): Partial<Record<Baseline, number>> {
  const own = medianWall(c);
  const out: Partial<Record<Baseline, number>> = {};
  if (!own) return out;
  for (const runtime of BASELINES) {
    const base = baselineCase(cases, runtime, c.fixture, archOf(c, file), file);
    const baseMedian = base ? medianWall(base) : null;
    if (baseMedian) out[runtime] = own / baseMedian;
  }
  return out;
}

/** `312×`, `1.85×`, `0.04×`: two significant figures below 10. */
export function formatRatio(ratio: number | undefined): string {
  if (ratio === undefined) return '–';
  return `${ratio >= 10 ? Math.round(ratio) : +ratio.toPrecision(2)}×`;
}
