// sleep-jitter: interval parsing, option resolution (iterations = wakeups),
// the variants and the expected output checked against the native oracle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../core/config/resolve.ts';
import { UsageError } from '../../core/errors.ts';
import { validateUserConfig } from '../../core/config/schema.ts';
import { loadFixture } from '../../core/workloads/manifest.ts';
import { flagsToConfig } from '../../cli/options.ts';
import { formatInterval, intervalProblem, parseInterval } from '../../core/config/interval.ts';
import {
  expectedStdout,
  guestArgs,
  processTimeoutMs,
  resolveSleepJitter,
  sleepVariants,
} from '../../suites/sleep-jitter/options.ts';
import { checkAgainstOracle } from '../../suites/sleep-jitter/expected.ts';
import { overshootMetrics } from '../../suites/sleep-jitter/metrics.ts';

const resolved = (user: Parameters<typeof resolveConfig>[0]) =>
  resolveConfig(user, { source: null, runId: 't', seed: () => 1 });

test('parseInterval accepts s, ms, us, ns with decimals, to whole nanoseconds', () => {
  assert.equal(parseInterval('1s'), 1_000_000_000);
  assert.equal(parseInterval('10ms'), 10_000_000);
  assert.equal(parseInterval('1.5ms'), 1_500_000);
  assert.equal(parseInterval('500us'), 500_000);
  assert.equal(parseInterval('250ns'), 250);
  assert.equal(parseInterval('0.001s'), 1_000_000);
});

test('parseInterval rejects everything else with a UsageError naming the forms', () => {
  for (const bad of ['1', '1.5', 'ms', '1 ms', '-1ms', '1h', '1.5ns', '1.0000000001s', '0ms', '2h', '']) {
    assert.throws(
      () => parseInterval(bad),
      (err: unknown) =>
        err instanceof UsageError && /1\.5ms/.test((err as Error).message + ((err as UsageError).hint ?? '')),
      bad,
    );
    assert.ok(intervalProblem(bad), bad);
  }
  assert.match(intervalProblem('0ms')!, /zero-length sleep is its own edge case/);
});

test('formatInterval is the short inverse', () => {
  assert.deepEqual([0, 100_000, 1_500_000, 1e9, 250].map(formatInterval), ['0ns', '100us', '1.5ms', '1s', '250ns']);
});

test('defaults: the original 10 x 1 s relative; quick uses 10 ms', () => {
  const standard = resolveSleepJitter(resolved({}));
  assert.equal(standard.intervalNs, 1e9);
  assert.equal(standard.wakeups, 10);
  assert.equal(standard.processes, 1);
  assert.deepEqual(standard.deadlines, ['relative']);
  assert.equal(standard.load, 'none');
  assert.equal(resolveSleepJitter(resolved({ profile: 'quick' })).intervalNs, 10_000_000);
});

test('a top-level iterations (--iterations) is wakeups per process for this suite', () => {
  assert.equal(resolveSleepJitter(resolved({ iterations: 20 })).wakeups, 20);
  assert.equal(resolveSleepJitter(resolved({ iterations: 20, sleepJitter: { iterations: 7 } })).wakeups, 7);
  const both = resolveSleepJitter(resolved({ sleepJitter: { deadline: 'both', load: 'cpu' } }));
  assert.deepEqual(both.deadlines, ['relative', 'absolute']);
  assert.ok(both.loadWorkers >= 1);
});

test('CLI flags become a validated sleepJitter section; a bad --interval is a usage error', () => {
  const layer = flagsToConfig({ interval: '1.5ms', deadline: 'absolute', load: 'cpu', iterations: '20' });
  assert.deepEqual(layer.sleepJitter, { interval: '1.5ms', deadline: 'absolute', load: 'cpu' });
  assert.equal(layer.iterations, 20);
  assert.throws(() => flagsToConfig({ interval: '1.5' }), UsageError);
  assert.throws(() => validateUserConfig({ sleepJitter: { interval: 'soon' } }, 'test'), /sleepJitter\.interval/);
  assert.throws(() => validateUserConfig({ sleepJitter: { deadline: 'sometimes' } }, 'test'), /relative/);
});

test('variants: the main interval per deadline, then the zero and sub-millisecond edge cases', () => {
  const options = resolveSleepJitter(resolved({ iterations: 5, sleepJitter: { interval: '1.5ms', deadline: 'both' } }));
  assert.deepEqual(
    sleepVariants(options).map((v) => v.id),
    [
      'relative-1.5ms',
      'relative-0ns',
      'relative-100us',
      'relative-500us',
      'absolute-1.5ms',
      'absolute-100us',
      'absolute-500us',
    ],
  );
  const noEdges = resolveSleepJitter(resolved({ sleepJitter: { interval: '500us', edgeCases: false } }));
  assert.deepEqual(
    sleepVariants(noEdges).map((v) => v.id),
    ['relative-500us'],
  );
  const [first] = sleepVariants(options);
  assert.deepEqual(guestArgs(first, 5), ['relative', '1500000', '5']);
  assert.equal(expectedStdout(first, 5), 'slept 5 x 1500000 ns, relative deadlines\n');
});

test('the derived expected output matches the native oracle (expected.stdout) for the fixture defaults', async () => {
  const fixture = await loadFixture('sleep');
  assert.doesNotThrow(() => checkAgainstOracle(fixture));
  assert.throws(() => checkAgainstOracle({ ...fixture, expectedStdout: 'something else\n' }), /native oracle/);
});

test('per-process timeout: twice the sleeping time plus a startup allowance of at most 10 s', () => {
  assert.equal(processTimeoutMs(1e9, 10, 60_000), 20_000 + 10_000);
  assert.equal(processTimeoutMs(0, 10, 3_000), 3_000);
});

test('overshoot metrics keep the sign and count early wakeups', () => {
  assert.deepEqual(overshootMetrics([5, -3, 0, -1], 7), { overshootNs: [5, -3, 0, -1], earlyWakeups: 2, driftNs: 7 });
  assert.deepEqual(overshootMetrics([1], undefined), { overshootNs: [1], earlyWakeups: 0 });
});
