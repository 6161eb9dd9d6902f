/**
 * The regression gate's decision for one metric, from a comparison's
 * "slowdown factor" interval (> 1 is worse) and three thresholds.
 *
 * A regression is CONFIRMED only when the point estimate is worse than the
 * fail threshold AND the whole confidence interval lies above the noise
 * threshold. When the interval is too wide to tell a fail-sized regression
 * from noise, the answer is "inconclusive", never "regressed".
 *
 * Pure: no I/O, no clock.
 *
 * @module
 */

/** Thresholds as fractions of the base median (0.02 = 2%). */
export interface GateThresholds {
  /** Changes smaller than this are noise. @default 0.02 */
  noise: number;
  /** A confirmed slowdown beyond this warns. @default 0.05 */
  warn: number;
  /** A confirmed slowdown beyond this fails the gate. @default 0.10 */
  fail: number;
}

export const DEFAULT_THRESHOLDS: GateThresholds = { noise: 0.02, warn: 0.05, fail: 0.1 };

/** Fewer samples than this on either side is too few to decide. @default 5 */
export const DEFAULT_MIN_SAMPLES = 5;

export type GateVerdict = 'pass' | 'improved' | 'warn' | 'regressed' | 'inconclusive';

export interface GateDecision {
  verdict: GateVerdict;
  /** One sentence a CI log reader can act on. */
  reason: string;
}

/** The slowdown factor (> 1 worse) and its interval, as in MedianComparison.worse. */
export interface SlowdownInterval {
  ratio: number;
  lo: number;
  hi: number;
}

/** Check thresholds are sane: 0 ≤ noise ≤ warn ≤ fail. Returns the problem or null. */
export function thresholdProblem(t: GateThresholds): string | null {
  const all = [t.noise, t.warn, t.fail];
  if (!all.every((x) => Number.isFinite(x) && x >= 0)) return 'thresholds must be finite numbers >= 0';
  if (!(t.noise <= t.warn && t.warn <= t.fail))
    return `need noise <= warn <= fail, got noise ${pct(t.noise)}, warn ${pct(t.warn)}, fail ${pct(t.fail)}`;
  return null;
}

/**
 * Decide one metric.
 *
 * - lo > 1 + noise (confirmed slower): `regressed` if ratio > 1 + fail,
 *   `warn` if ratio > 1 + warn, else `pass` (real but below warn);
 * - else if hi > 1 + fail: `inconclusive` (a fail-sized slowdown can be
 *   neither confirmed nor ruled out: the spread is wider than the thresholds);
 * - else if hi < 1 − noise: `improved`;
 * - else `pass`.
 *
 * @param s slowdown factor and its confidence interval.
 * @param t thresholds.
 * @param n sample counts of base and head.
 * @param minSamples fewer on either side gives `inconclusive`.
 */
export function decideGate(
  s: SlowdownInterval,
  t: GateThresholds,
  n: { base: number; head: number },
  minSamples = DEFAULT_MIN_SAMPLES,
): GateDecision {
  const change = `${signedPct(s.ratio - 1)} (CI ${signedPct(s.lo - 1)} .. ${signedPct(s.hi - 1)})`;
  if (n.base < minSamples || n.head < minSamples) {
    return {
      verdict: 'inconclusive',
      reason: `too few samples (base ${n.base}, head ${n.head}; need ${minSamples} each)`,
    };
  }
  if (s.lo > 1 + t.noise) {
    if (s.ratio > 1 + t.fail)
      return { verdict: 'regressed', reason: `slower by ${change}: beyond the ${pct(t.fail)} fail threshold` };
    if (s.ratio > 1 + t.warn)
      return { verdict: 'warn', reason: `slower by ${change}: beyond the ${pct(t.warn)} warn threshold` };
    return { verdict: 'pass', reason: `slower by ${change}: below the ${pct(t.warn)} warn threshold` };
  }
  if (s.hi > 1 + t.fail) {
    return {
      verdict: 'inconclusive',
      reason: `too noisy: ${change} cannot confirm or rule out a ${pct(t.fail)} slowdown; take more samples or quiet the machine`,
    };
  }
  if (s.hi < 1 - t.noise) return { verdict: 'improved', reason: `faster by ${change}` };
  return { verdict: 'pass', reason: `no change confirmed beyond the ±${pct(t.noise)} noise threshold: ${change}` };
}

function pct(x: number): string {
  return `${round1(x * 100)}%`;
}

/** "+12.3%", "-4.0%"; Infinity stays readable. */
export function signedPct(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? '+inf%' : '-inf%';
  const v = round1(x * 100);
  return `${v > 0 ? '+' : ''}${v.toFixed(1)}%`;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
