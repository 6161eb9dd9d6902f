import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compareMedians, ratioComparable } from '../../stats/compare.ts';
import { decideGate, DEFAULT_THRESHOLDS, signedPct, thresholdProblem, type GateVerdict } from '../../stats/gate.ts';
import { createRng, type Rng } from '../../stats/random.ts';

const T = DEFAULT_THRESHOLDS;
const N = { base: 20, head: 20 };

describe('compareMedians', () => {
  it('gives exact figures for constant samples (degenerate interval)', () => {
    const c = compareMedians([100, 100, 100, 100, 100], [130, 130, 130, 130, 130], {
      direction: 'lower-is-better',
      rng: createRng(1),
    });
    assert.deepEqual(
      [c.ratio, c.lo, c.hi, c.baseMedian, c.headMedian, c.nBase, c.nHead],
      [1.3, 1.3, 1.3, 100, 130, 5, 5],
    );
    assert.equal(c.verdict, 'slower');
    assert.deepEqual(c.worse, { ratio: 1.3, lo: 1.3, hi: 1.3 });
  });

  it('inverts the slowdown factor for rates (higher is better)', () => {
    const c = compareMedians([200, 200, 200], [100, 100, 100], { direction: 'higher-is-better', rng: createRng(1) });
    assert.equal(c.ratio, 0.5);
    assert.deepEqual(c.worse, { ratio: 2, lo: 2, hi: 2 });
    assert.equal(c.verdict, 'slower');
  });

  it('is deterministic for a seed and says "no significant difference" for identical varying samples', () => {
    const xs = [90, 95, 100, 105, 110, 98, 102, 101, 99, 100];
    const a = compareMedians(xs, xs, { direction: 'lower-is-better', rng: createRng(5), resamples: 2000 });
    const b = compareMedians(xs, xs, { direction: 'lower-is-better', rng: createRng(5), resamples: 2000 });
    assert.deepEqual(a, b);
    assert.equal(a.ratio, 1);
    assert.ok(a.lo < 1 && a.hi > 1);
    assert.equal(a.verdict, 'no significant difference');
  });

  it('reports faster when the whole interval is below 1', () => {
    const c = compareMedians([100, 101, 102, 103, 104], [50, 51, 52, 53, 54], {
      direction: 'lower-is-better',
      rng: createRng(2),
    });
    assert.equal(c.ratio, 52 / 102);
    assert.equal(c.verdict, 'faster');
  });

  it('names why a ratio cannot be formed', () => {
    assert.equal(ratioComparable([1, 2], [1, 2]), null);
    assert.match(ratioComparable([0, 2], [1])!, /<= 0/);
    assert.match(ratioComparable([], [1])!, /no base samples/);
    assert.match(ratioComparable([1], [])!, /no head samples/);
  });
});

describe('decideGate (defaults: noise 2%, warn 5%, fail 10%)', () => {
  const cases: [string, { ratio: number; lo: number; hi: number }, GateVerdict][] = [
    ['confirmed 15% slower', { ratio: 1.15, lo: 1.12, hi: 1.18 }, 'regressed'],
    ['confirmed 7% slower', { ratio: 1.07, lo: 1.04, hi: 1.1 }, 'warn'],
    ['confirmed 3% slower', { ratio: 1.03, lo: 1.025, hi: 1.04 }, 'pass'],
    ['15% by the point estimate but CI reaches noise', { ratio: 1.15, lo: 1.01, hi: 1.3 }, 'inconclusive'],
    ['no change but the CI is too wide to rule out 10%', { ratio: 1.0, lo: 0.85, hi: 1.15 }, 'inconclusive'],
    ['confirmed faster', { ratio: 0.8, lo: 0.75, hi: 0.85 }, 'improved'],
    ['no change, tight CI', { ratio: 1.0, lo: 0.99, hi: 1.01 }, 'pass'],
    ['lo exactly at noise is not confirmed', { ratio: 1.12, lo: 1.02, hi: 1.09 }, 'pass'],
    ['ratio exactly at fail is a warning', { ratio: 1.1, lo: 1.05, hi: 1.09 }, 'warn'],
  ];
  for (const [name, s, verdict] of cases) {
    it(name, () => assert.equal(decideGate(s, T, N).verdict, verdict));
  }

  it('is inconclusive with too few samples, whatever the ratio', () => {
    const d = decideGate({ ratio: 2, lo: 2, hi: 2 }, T, { base: 4, head: 20 });
    assert.equal(d.verdict, 'inconclusive');
    assert.match(d.reason, /too few samples \(base 4, head 20; need 5 each\)/);
  });

  it('explains the verdict with the change and its interval', () => {
    assert.equal(
      decideGate({ ratio: 1.15, lo: 1.12, hi: 1.18 }, T, N).reason,
      'slower by +15.0% (CI +12.0% .. +18.0%): beyond the 10% fail threshold',
    );
  });

  it('checks threshold order', () => {
    assert.equal(thresholdProblem(T), null);
    assert.match(thresholdProblem({ noise: 0.05, warn: 0.02, fail: 0.1 })!, /noise <= warn <= fail/);
    assert.match(thresholdProblem({ noise: -1, warn: 0.02, fail: 0.1 })!, />= 0/);
    assert.equal(signedPct(-0.04), '-4.0%');
  });
});

/** Realistic run-to-run noise: log-normal spread plus occasional slow outliers (a preempted sample). */
function noisySampler(rng: Rng, sigma: number, outlierRate: number): (levelNs: number) => number {
  return (levelNs) => {
    const z = Math.sqrt(-2 * Math.log(rng() || 1e-12)) * Math.cos(2 * Math.PI * rng());
    const outlier = rng() < outlierRate ? 1.2 + 0.8 * rng() : 1;
    return Math.round(levelNs * Math.exp(sigma * z) * outlier);
  };
}

function simulate(factor: number, runs: number, seed: number): Record<GateVerdict, number> {
  const draw = noisySampler(createRng(seed), 0.05, 0.05);
  const counts: Record<GateVerdict, number> = { pass: 0, improved: 0, warn: 0, regressed: 0, inconclusive: 0 };
  for (let r = 0; r < runs; r++) {
    const base = Array.from({ length: 20 }, () => draw(5_000_000));
    const head = Array.from({ length: 20 }, () => draw(5_000_000 * factor));
    const c = compareMedians(base, head, { direction: 'lower-is-better', rng: createRng(seed + r) });
    counts[decideGate(c.worse, T, { base: c.nBase, head: c.nHead }).verdict]++;
  }
  return counts;
}

describe('gate under simulated noise (5% log-normal spread, 5% outliers up to 2x, 20 samples a side, default thresholds)', () => {
  const RUNS = 200;

  it('A/A: false "regressed" in well under 5% of runs', () => {
    const counts = simulate(1, RUNS, 1000);
    assert.ok(counts.regressed / RUNS < 0.05, `false alarms: ${JSON.stringify(counts)}`);
    // Nor does it cry "too noisy" at this noise level.
    assert.ok(counts.inconclusive / RUNS < 0.05, `inconclusive: ${JSON.stringify(counts)}`);
  });

  it('a true 15% regression is caught in over 95% of runs', () => {
    const counts = simulate(1.15, RUNS, 2000);
    assert.ok(counts.regressed / RUNS > 0.95, `caught: ${JSON.stringify(counts)}`);
  });
});
