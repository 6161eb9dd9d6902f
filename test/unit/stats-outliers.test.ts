import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { classifyOutliers, slowFirstRun } from '../../stats/outliers.ts';

describe('classifyOutliers (Tukey fences, type-7 quartiles)', () => {
  it('finds one outlier of each class in a crafted set', () => {
    // sorted: −40 −8 1 2 3 4 5 6 7 8 20 100 (n = 12)
    // Q1: h = 11·0.25 = 2.75 → 1 + 0.75·(2 − 1) = 1.75
    // Q3: h = 11·0.75 = 8.25 → 7 + 0.25·(8 − 7) = 7.25;  IQR = 5.5
    // inner fences 1.75 − 8.25 = −6.5 and 7.25 + 8.25 = 15.5
    // outer fences 1.75 − 16.5 = −14.75 and 7.25 + 16.5 = 23.75
    // → −40 low severe, −8 low mild, 20 high mild, 100 high severe
    const samples = [5, 100, 1, 2, 3, 4, -8, 6, 7, 8, 20, -40];
    assert.deepEqual(classifyOutliers(samples), {
      lowSevere: 1,
      lowMild: 1,
      highMild: 1,
      highSevere: 1,
      indices: [1, 6, 10, 11],
    });
    assert.equal(samples.length, 12); // flagged, never dropped
  });

  it('treats values on a fence as inside it', () => {
    // [1, 2, 3, 4, x] with x ≥ 4: Q1 = 2 (h = 1), Q3 = 4 (h = 3), IQR = 2;
    // inner fence 7, outer fence 10
    const none = { lowSevere: 0, lowMild: 0, highMild: 0, highSevere: 0, indices: [] };
    assert.deepEqual(classifyOutliers([1, 2, 3, 4, 7]), none);
    assert.deepEqual(classifyOutliers([1, 2, 3, 4, 10]), { ...none, highMild: 1, indices: [4] });
    assert.deepEqual(classifyOutliers([1, 2, 3, 4, 10.5]), { ...none, highSevere: 1, indices: [4] });
  });

  it('flags everything off the plateau when IQR = 0', () => {
    // Q1 = Q3 = 5 → all fences at 5
    assert.deepEqual(classifyOutliers([5, 5, 6, 5, 5]), {
      lowSevere: 0,
      lowMild: 0,
      highMild: 0,
      highSevere: 1,
      indices: [2],
    });
  });

  it('returns zeros for no samples and rejects NaN', () => {
    assert.deepEqual(classifyOutliers([]), { lowSevere: 0, lowMild: 0, highMild: 0, highSevere: 0, indices: [] });
    assert.throws(() => classifyOutliers([1, Number.NaN]), RangeError);
  });
});

describe('slowFirstRun', () => {
  it('warns when the first sample exceeds 2 × the median of the rest', () => {
    // rest sorted 90 100 105 110 → median 102.5; 2 × 102.5 = 205 < 250
    assert.equal(slowFirstRun([250, 100, 110, 90, 105]), true);
    // factor 3: 307.5 > 250
    assert.equal(slowFirstRun([250, 100, 110, 90, 105], 3), false);
  });

  it('is strict at the threshold', () => {
    assert.equal(slowFirstRun([200, 100, 100, 100]), false); // 200 is not > 200
    assert.equal(slowFirstRun([201, 100, 100, 100]), true);
  });

  it('is false for < 2 samples and for a non-positive median of the rest', () => {
    assert.equal(slowFirstRun([]), false);
    assert.equal(slowFirstRun([1000]), false);
    // ratio test is meaningless around 0 / negative drift
    assert.equal(slowFirstRun([10, -1, -2, -3]), false);
    assert.equal(slowFirstRun([10, 0, 0, 0]), false);
  });

  it('rejects a bad factor', () => {
    assert.throws(() => slowFirstRun([1, 2], 0), RangeError);
    assert.throws(() => slowFirstRun([1, 2], Number.NaN), RangeError);
  });
});
