// sleep-jitter --load cpu: spinning workers run around every sample and stop after it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { startCpuLoad, withCpuLoad } from '../../suites/sleep-jitter/load.ts';
import { harnessSleepLoop } from '../../suites/sleep-jitter/harness-timers.ts';

test('startCpuLoad resolves once the workers run, and stop() ends them', async () => {
  const load = await startCpuLoad(1);
  // The event loop stays free: the spinning happens in a worker thread.
  const before = performance.now();
  await new Promise((resolve) => setTimeout(resolve, 5));
  assert.ok(performance.now() - before < 5000, 'sanity bound');
  await load.stop();
});

test('withCpuLoad wraps takeSample and passes its outcome through; 0 workers leaves the case alone', async () => {
  let calls = 0;
  const base = {
    id: 'x',
    warmups: 0,
    iterations: 1,
    async takeSample() {
      calls++;
      return { ok: true as const, metrics: { overshootNs: [1] } };
    },
  };
  assert.equal(withCpuLoad(base, 0), base);
  const outcome = await withCpuLoad(base, 1).takeSample('measure', 0);
  assert.deepEqual(outcome, { ok: true, metrics: { overshootNs: [1] } });
  assert.equal(calls, 1);
});

test('the harness timer loop records one signed overshoot per wakeup and the drift', async () => {
  for (const deadline of ['relative', 'absolute'] as const) {
    const { overshoots, driftNs } = await harnessSleepLoop(deadline, 2_000_000, 3);
    assert.equal(overshoots.length, 3);
    assert.ok(overshoots.every((ns) => Number.isInteger(ns) && Math.abs(ns) < 5e9));
    assert.ok(Number.isInteger(driftNs));
  }
});
