import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildHistogram, decodeHistogram } from '../../stats/histogram.ts';

describe('buildHistogram / decodeHistogram', () => {
  it('returns null for no samples', () => {
    assert.equal(buildHistogram([]), null);
  });

  it('round-trips small values exactly, including negatives', () => {
    // offset = min(0, −500) = −500; stored 0 480 500 507 1500, all < 2048 where
    // a 3-digit HDR histogram has single-unit resolution → exact.
    const rec = buildHistogram([7, -500, 1000, 0, -20]);
    assert.ok(rec);
    assert.equal(rec.offset, -500);
    assert.equal(rec.highestTrackable, 1500); // 1000 − (−500)
    assert.equal(rec.count, 5);
    assert.equal(rec.unit, 'ns');
    assert.equal(rec.lowestDiscernible, 1);
    assert.equal(rec.significantDigits, 3);
    assert.match(rec.encoded, /^[A-Za-z0-9+/]+=*$/);
    // Survives results.json.
    const h = decodeHistogram(JSON.parse(JSON.stringify(rec)));
    assert.equal(h.count, 5);
    // HDR rank = round(p/100 · 5): 20% → 1st, 40% → 2nd, …
    assert.deepEqual(
      [0, 20, 40, 60, 80, 100].map((p) => h.percentile(p)),
      [-500, -500, -20, 0, 7, 1000],
    );
  });

  it('keeps large and negative values within 3 significant digits of (value − offset)', () => {
    const samples = [-1_234_567, -3, 0, 999, 123_456_789, 5_000_000_000];
    const rec = buildHistogram(samples, { unit: 'ns' });
    assert.ok(rec);
    assert.equal(rec.offset, -1_234_567);
    assert.equal(rec.highestTrackable, 5_001_234_567);
    const h = decodeHistogram(rec);
    assert.equal(h.count, samples.length);
    samples.forEach((v, i) => {
      const got = h.percentile((100 * (i + 1)) / samples.length);
      // HDR answers with the top of the value's bucket, whose width is at most
      // stored/1024 for 3 significant digits (2048 sub-buckets, half used per octave).
      const stored = v - rec.offset;
      assert.ok(got >= v && got - v <= stored / 1024, `sample ${v}: got ${got}`);
    });
    assert.equal(h.percentile(0), -1_234_567); // stored 0 is exact
  });

  it('uses offset 0 and no hgrm note when nothing is negative', () => {
    const rec = buildHistogram([0, 0]);
    assert.ok(rec);
    assert.equal(rec.offset, 0);
    assert.equal(rec.highestTrackable, 2); // HDR minimum: 2 × lowestDiscernible
    const text = decodeHistogram(rec).toHgrm();
    assert.match(text, /^ +Value +Percentile +TotalCount/);
    assert.match(text, /Total count +=\s+2\]/);
  });

  it('notes a negative offset in the hgrm header', () => {
    const rec = buildHistogram([-500, 100], { unit: 'us' });
    assert.ok(rec);
    const lines = decodeHistogram(rec).toHgrm().split('\n');
    assert.equal(
      lines[0],
      '# wasmbench: offset = -500 us. Values below are stored values (sample - offset); add -500 to read a real sample.',
    );
    assert.match(lines[1], /^ +Value +Percentile/);
    // first data row: stored value 0 (= real −500)
    assert.match(lines[3], /^ +0\.000 0\.000000000000 +1 /);
  });

  it('rounds non-integers with Math.round (half toward +∞)', () => {
    // 1.4 → 1, 2.5 → 3, −2.5 → −2; offset −2; stored 3 5 0
    const rec = buildHistogram([1.4, 2.5, -2.5]);
    assert.ok(rec);
    assert.equal(rec.offset, -2);
    assert.equal(rec.highestTrackable, 5);
    const h = decodeHistogram(rec);
    assert.deepEqual(
      [100 / 3, 200 / 3, 100].map((p) => h.percentile(p)),
      [-2, 1, 3],
    );
  });

  it('rejects non-finite samples and bad percentiles', () => {
    assert.throws(() => buildHistogram([1, Number.NaN]), RangeError);
    const rec = buildHistogram([1]);
    assert.ok(rec);
    const h = decodeHistogram(rec);
    assert.throws(() => h.percentile(101), RangeError);
    assert.throws(() => h.percentile(-1), RangeError);
  });
});
