import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bootstrapMedianRatioCI, createRng, shuffle } from '../../stats/random.ts';

/** An rng that replays fixed numbers, so the algorithms can be checked by hand. */
function replay(values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length];
}

describe('createRng (mulberry32)', () => {
  it('produces the reference mulberry32 stream', () => {
    // First outputs of the canonical mulberry32 for seed 1, as uint32:
    const r = createRng(1);
    assert.deepEqual(
      [r(), r(), r()].map((x) => x * 2 ** 32),
      [2693262067, 11749833, 2265367787],
    );
  });

  it('is reproducible, seed-dependent, and in [0, 1)', () => {
    const a = createRng(42);
    const b = createRng(42);
    const xs = Array.from({ length: 1000 }, () => a());
    assert.deepEqual(
      Array.from({ length: 1000 }, () => b()),
      xs,
    );
    assert.ok(xs.every((x) => x >= 0 && x < 1));
    assert.notEqual(createRng(43)(), xs[0]);
    assert.equal(xs[0], 0.6011037519201636);
  });

  it('uses the low 32 bits of the seed and rejects fractional seeds', () => {
    assert.equal(createRng(2 ** 32 + 42)(), createRng(42)());
    assert.throws(() => createRng(1.5), RangeError);
    assert.throws(() => createRng(Number.NaN), RangeError);
  });
});

describe('shuffle (Fisher–Yates)', () => {
  it('gives a fixed permutation for a fixed seed', () => {
    const items = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const out = shuffle(items, createRng(42));
    assert.deepEqual(out, [0, 7, 3, 5, 2, 1, 8, 9, 4, 6]);
    assert.deepEqual(
      [...out].sort((a, b) => a - b),
      items,
    ); // a permutation
    assert.deepEqual(items, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]); // input untouched
  });

  it('follows the algorithm step by step (hand-checked with a stub rng)', () => {
    // rng() = 0 → j = 0 every time:
    // i=3 swap(3,0): d b c a; i=2 swap(2,0): c b d a; i=1 swap(1,0): b c d a
    assert.deepEqual(shuffle(['a', 'b', 'c', 'd'], replay([0])), ['b', 'c', 'd', 'a']);
    // rng() just below 1 → j = i every time → identity
    assert.deepEqual(shuffle(['a', 'b', 'c', 'd'], replay([0.999999])), ['a', 'b', 'c', 'd']);
  });

  it('handles empty and single-item arrays', () => {
    assert.deepEqual(shuffle([], createRng(1)), []);
    assert.deepEqual(shuffle(['x'], createRng(1)), ['x']);
  });
});

describe('bootstrapMedianRatioCI', () => {
  it('gives exactly [1, 1] for identical constant samples', () => {
    const base = [100, 100, 100, 100];
    const ci = bootstrapMedianRatioCI(base, [...base], { resamples: 500, confidence: 0.95, rng: createRng(7) });
    assert.deepEqual(ci, { ratio: 1, lo: 1, hi: 1 });
  });

  it('gives exactly the ratio for constant samples at different levels', () => {
    const ci = bootstrapMedianRatioCI([200, 200, 200], [300, 300], {
      resamples: 100,
      confidence: 0.99,
      rng: createRng(1),
    });
    assert.deepEqual(ci, { ratio: 1.5, lo: 1.5, hi: 1.5 });
  });

  it('brackets 1 for identical but varying samples (no significant difference)', () => {
    const a = [10, 12, 11, 13, 15, 9, 14, 10, 12, 11];
    const ci = bootstrapMedianRatioCI(a, a, { resamples: 2000, confidence: 0.95, rng: createRng(42) });
    assert.equal(ci.ratio, 1);
    // pinned for seed 42 (reproducibility), and lo < 1 < hi
    assert.deepEqual(ci, { ratio: 1, lo: 0.8333333333333334, hi: 1.2 });
  });

  it('resamples base then head with the injected rng (hand-checked)', () => {
    // One resample; draws: base idx ⌊0·2⌋=0, ⌊0.6·2⌋=1 → [10, 20], median 15;
    // head idx 1, 1 → [40, 40], median 40 → resampled ratio 40/15.
    // Full-sample ratio: median(30, 40) / median(10, 20) = 35/15.
    const ci = bootstrapMedianRatioCI([10, 20], [30, 40], {
      resamples: 1,
      confidence: 0.95,
      rng: replay([0, 0.6, 0.6, 0.6]),
    });
    assert.deepEqual(ci, { ratio: 35 / 15, lo: 40 / 15, hi: 40 / 15 });
  });

  it('rejects non-positive base samples and bad options', () => {
    const rng = createRng(1);
    assert.throws(() => bootstrapMedianRatioCI([1, -1], [1], { resamples: 10, confidence: 0.95, rng }), RangeError);
    assert.throws(() => bootstrapMedianRatioCI([], [1], { resamples: 10, confidence: 0.95, rng }), RangeError);
    assert.throws(() => bootstrapMedianRatioCI([1], [1], { resamples: 0, confidence: 0.95, rng }), RangeError);
    assert.throws(() => bootstrapMedianRatioCI([1], [1], { resamples: 10, confidence: 1, rng }), RangeError);
  });
});
