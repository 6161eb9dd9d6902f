import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { quantile, summarize } from '../../stats/summary.ts';

describe('quantile (type 7: h = (n-1)p, linear interpolation)', () => {
  it('interpolates between order statistics', () => {
    // [0, 10], p = 0.25: h = 1·0.25 = 0.25 → 0 + 0.25·(10 − 0) = 2.5
    assert.equal(quantile([0, 10], 0.25), 2.5);
    // [1, 2, 3, 4], p = 0.5: h = 1.5 → 2 + 0.5·1 = 2.5
    assert.equal(quantile([1, 2, 3, 4], 0.5), 2.5);
    // endpoints are min and max
    assert.equal(quantile([-7, 1, 9], 0), -7);
    assert.equal(quantile([-7, 1, 9], 1), 9);
  });

  it('rejects empty input and p outside [0, 1]', () => {
    assert.throws(() => quantile([], 0.5), RangeError);
    assert.throws(() => quantile([1], 1.5), RangeError);
    assert.throws(() => quantile([1], -0.1), RangeError);
    assert.throws(() => quantile([1], Number.NaN), RangeError);
  });
});

describe('summarize', () => {
  it('returns null for no samples', () => {
    assert.equal(summarize([]), null);
  });

  it('summarises 1..10 (given in shuffled order)', () => {
    const s = summarize([7, 2, 10, 1, 5, 9, 3, 8, 6, 4]);
    assert.deepEqual(s, {
      n: 10,
      min: 1,
      // h = 9·0.5 = 4.5 → 5 + 0.5·(6 − 5)
      median: 5.5,
      // 55 / 10
      mean: 5.5,
      // h = 9·0.9 = 8.1 → x[8] + 0.1·(x[9] − x[8]) = 9 + 0.1·1
      p90: 9.1,
      // h = 9·0.99 = 8.91 → 9 + 0.91
      p99: 9.91,
      // h = 9·0.999 = 8.991 → 9 + 0.991
      p999: 9.991,
      max: 10,
      // |x − 5.5| = 4.5 3.5 2.5 1.5 0.5 0.5 1.5 2.5 3.5 4.5; sorted, the middle
      // two are 2.5 and 2.5 → MAD (unscaled) = 2.5
      mad: 2.5,
      // Σ(x − 5.5)² = 2·(4.5² + 3.5² + 2.5² + 1.5² + 0.5²) = 82.5; / (n − 1) = 9
      stddev: Math.sqrt(82.5 / 9),
      // P(Bin(10, ½) ≤ 1) = (1 + 10)/1024 = 11/1024 → coverage 1 − 22/1024 ≥ 0.95;
      // P(≤ 2) = 56/1024 → 1 − 112/1024 = 0.890625 < 0.95, so k = 2: (x₍₂₎, x₍₉₎)
      ci95: [2, 9],
      ciMethod: 'exact-binomial-order-statistic',
      ciCoverage: 0.978515625,
    });
    assert.equal(s?.ciCoverage, 1 - (2 * 11) / 1024);
  });

  it('has no CI for n = 5: even [min, max] covers only 1 − 2/32 = 0.9375', () => {
    const s = summarize([1, 2, 3, 4, 5]);
    assert.equal(s?.ci95, null);
    assert.equal(s?.ciCoverage, null);
    assert.equal(s?.ciMethod, 'exact-binomial-order-statistic');
  });

  it('uses [min, max] for n = 6: coverage 1 − 2/64 = 0.96875', () => {
    const s = summarize([6, 5, 4, 3, 2, 1]);
    assert.deepEqual(s?.ci95, [1, 6]);
    assert.equal(s?.ciCoverage, 0.96875);
  });

  it('matches the textbook n = 20 interval (x₍₆₎, x₍₁₅₎)', () => {
    // P(Bin(20, ½) ≤ 5) = (1 + 20 + 190 + 1140 + 4845 + 15504)/2^20 = 21700/1048576
    // (≤ 0.025), while P(≤ 6) = 60460/1048576 > 0.025 → k = 6
    const s = summarize(Array.from({ length: 20 }, (_, i) => (i + 1) * 10));
    assert.deepEqual(s?.ci95, [60, 150]);
    assert.equal(s?.ciCoverage, 1 - (2 * 21700) / 1048576);
  });

  it('is exact for large n (n = 10 000, no normal approximation)', () => {
    // Exact rational arithmetic (Python fractions) gives k = 4902, coverage
    // 0.9511670501036181; the normal approximation 5000 − 0.98·√10000 agrees on k.
    const s = summarize(Array.from({ length: 10_000 }, (_, i) => i + 1));
    assert.deepEqual(s?.ci95, [4902, 5099]);
    assert.ok(Math.abs((s?.ciCoverage ?? 0) - 0.9511670501036181) < 1e-12);
  });

  it('keeps the sign of negative samples everywhere', () => {
    const s = summarize([50, -10, 0, -30, 10]);
    assert.equal(s?.min, -30);
    assert.equal(s?.median, 0);
    assert.equal(s?.mean, 4); // 20 / 5
    // h = 4·0.9 = 3.6 → 10 + 0.6·(50 − 10) = 34
    assert.equal(s?.p90, 34);
    assert.equal(s?.max, 50);
    // |x − 0| = 30 10 0 10 50 → sorted 0 10 10 30 50 → 10
    assert.equal(s?.mad, 10);
    // deviations from 4: −34 −14 −4 6 46; squares sum 3520; / 4 = 880
    assert.equal(s?.stddev, Math.sqrt(880));
  });

  it('summarises all-negative samples (early wakeups) without flipping signs', () => {
    const s = summarize([-1, -2, -3, -4, -5]);
    assert.equal(s?.min, -5);
    assert.equal(s?.max, -1);
    assert.equal(s?.median, -3);
    assert.equal(s?.mean, -3);
    // h = 3.6 → x[3] + 0.6·(x[4] − x[3]) = −2 + 0.6·1 = −1.4
    assert.equal(s?.p90, -1.4);
    assert.equal(s?.mad, 1); // |x + 3| = 2 1 0 1 2 → 1
    assert.equal(s?.stddev, Math.sqrt(2.5)); // (4 + 1 + 0 + 1 + 4) / 4
  });

  it('reports a single sample with zero spread and no CI', () => {
    const s = summarize([42]);
    assert.deepEqual(
      [s?.n, s?.min, s?.median, s?.mean, s?.p90, s?.p99, s?.p999, s?.max, s?.mad, s?.stddev],
      [1, 42, 42, 42, 42, 42, 42, 42, 0, 0],
    );
    assert.equal(s?.ci95, null);
  });

  it('does not modify its input', () => {
    const input = [3, 1, 2];
    summarize(input);
    assert.deepEqual(input, [3, 1, 2]);
  });

  it('rejects NaN and Infinity', () => {
    assert.throws(() => summarize([1, Number.NaN]), RangeError);
    assert.throws(() => summarize([Number.POSITIVE_INFINITY]), RangeError);
  });
});
