/** Gate settings from the `gate` config section and flags, with per suite/case/metric overrides. */
import { UsageError } from '../errors.ts';
import type { GateOptions, GateThresholdOptions } from '../config/types.ts';
import { DEFAULT_MIN_SAMPLES, DEFAULT_THRESHOLDS, thresholdProblem, type GateThresholds } from '../../stats/gate.ts';
import { matchesPattern } from './pattern.ts';

export interface ResolvedGate {
  base: GateThresholds;
  overrides: NonNullable<GateOptions['overrides']>;
  metrics: string[] | undefined;
  allowList: string | undefined;
  confidence: number;
  resamples: number;
  minSamples: number;
}

function fractions(options: GateThresholdOptions, fallback: GateThresholds): GateThresholds {
  return {
    noise: options.noisePct !== undefined ? options.noisePct / 100 : fallback.noise,
    warn: options.warnPct !== undefined ? options.warnPct / 100 : fallback.warn,
    fail: options.failPct !== undefined ? options.failPct / 100 : fallback.fail,
  };
}

/** Config file section, then command-line flags on top. Throws a UsageError for inconsistent thresholds. */
export function resolveGate(config: GateOptions | undefined, flags: GateThresholdOptions = {}): ResolvedGate {
  const c = config ?? {};
  const base = fractions(flags, fractions(c, DEFAULT_THRESHOLDS));
  const problem = thresholdProblem(base);
  if (problem)
    throw new UsageError(
      `gate thresholds: ${problem}`,
      'set gate.noisePct <= warnPct <= failPct in bench.config.ts (or the --*-pct flags)',
    );
  return {
    base,
    overrides: c.overrides ?? [],
    metrics: c.metrics,
    allowList: c.allowList,
    confidence: (c.confidencePct ?? 95) / 100,
    resamples: c.resamples ?? 4000,
    minSamples: c.minSamples ?? DEFAULT_MIN_SAMPLES,
  };
}

/** The thresholds for one case and metric: the base, then each matching override in order. */
export function thresholdsFor(
  gate: ResolvedGate,
  row: { suite: string; caseId: string; metric: string },
): GateThresholds {
  let t = gate.base;
  for (const o of gate.overrides) {
    if (o.suite !== undefined && o.suite !== row.suite) continue;
    if (o.case !== undefined && !matchesPattern(o.case, row.caseId)) continue;
    if (o.metric !== undefined && o.metric !== row.metric) continue;
    t = fractions(o, t);
  }
  const problem = thresholdProblem(t);
  if (problem)
    throw new UsageError(
      `gate override for ${row.caseId} ${row.metric}: ${problem}`,
      'fix gate.overrides in bench.config.ts',
    );
  return t;
}
