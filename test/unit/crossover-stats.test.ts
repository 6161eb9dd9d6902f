import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  afterFirstOfEach,
  crossoverIterations,
  orderTiers,
  pairwiseSum,
  tierCostFromRegion,
  totalNs,
} from '../../stats/crossover.ts';

test('total(N) = first result + (N - 1) x steady', () => {
  assert.equal(totalNs({ timeToFirstResultNs: 1000, steadyIterNs: 10 }, 1), 1000);
  assert.equal(totalNs({ timeToFirstResultNs: 1000, steadyIterNs: 10 }, 101), 2000);
  assert.throws(() => totalNs({ timeToFirstResultNs: 1, steadyIterNs: 1 }, 0), RangeError);
});

test('compiled tier pays back its compile time after the exact N', () => {
  // The example: 1.3 s compiled vs 130 ms interpreted; 1 ms vs 10 ms per call.
  const compiled = { timeToFirstResultNs: 1_300_000_000, steadyIterNs: 1_000_000 };
  const interpreted = { timeToFirstResultNs: 130_000_000, steadyIterNs: 10_000_000 };
  // head start 1.17e9, gain 9e6 per iteration: after 130 more (N = 131) they are equal, N = 132 wins.
  assert.equal(crossoverIterations(compiled, interpreted), 132);
  assert.equal(totalNs(compiled, 131), totalNs(interpreted, 131));
  assert.ok(totalNs(compiled, 132) < totalNs(interpreted, 132));
});

test('crossover edge cases', () => {
  assert.equal(
    crossoverIterations({ timeToFirstResultNs: 5, steadyIterNs: 1 }, { timeToFirstResultNs: 10, steadyIterNs: 2 }),
    1,
  );
  assert.equal(
    crossoverIterations({ timeToFirstResultNs: 10, steadyIterNs: 1 }, { timeToFirstResultNs: 10, steadyIterNs: 2 }),
    2,
  );
  assert.equal(
    crossoverIterations({ timeToFirstResultNs: 10, steadyIterNs: 2 }, { timeToFirstResultNs: 10, steadyIterNs: 2 }),
    null,
  );
  assert.equal(
    crossoverIterations({ timeToFirstResultNs: 20, steadyIterNs: 3 }, { timeToFirstResultNs: 10, steadyIterNs: 2 }),
    null,
  );
  assert.equal(
    crossoverIterations({ timeToFirstResultNs: 20, steadyIterNs: 1.5 }, { timeToFirstResultNs: 10, steadyIterNs: 2 }),
    22,
  );
});

test('orderTiers: lower steady state is fast; ties go to the sooner first result', () => {
  const a = { timeToFirstResultNs: 100, steadyIterNs: 1, id: 'a' };
  const b = { timeToFirstResultNs: 10, steadyIterNs: 5, id: 'b' };
  assert.equal(orderTiers(a, b).fast.id, 'a');
  assert.equal(orderTiers(b, a).fast.id, 'a');
  const c = { timeToFirstResultNs: 50, steadyIterNs: 1, id: 'c' };
  assert.equal(orderTiers(a, c).fast.id, 'c');
});

test('series helpers', () => {
  assert.deepEqual(pairwiseSum([1, 2], [10, 20]), [11, 22]);
  assert.throws(() => pairwiseSum([1], [1, 2]), RangeError);
  assert.deepEqual(afterFirstOfEach([9, 1, 2, 8, 3, 4], 3), [1, 2, 3, 4]);
  assert.throws(() => afterFirstOfEach([1], 0), RangeError);
});

test('tierCostFromRegion: medians of wall and region, one region per process', () => {
  assert.deepEqual(tierCostFromRegion({ wallNs: [30, 10, 20], benchNs: [5, 7, 6, 100] }), {
    timeToFirstResultNs: 20,
    steadyIterNs: 6.5,
    iterationsPerProcess: 1,
  });
});
