// sleep-jitter: parsing cyclictest's histogram mode and building its argv.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cyclictestArgv, cyclictestProblem, parseCyclictestHistogram } from '../../suites/sleep-jitter/cyclictest.ts';

const OUTPUT = `# Histogram
000000 000000
000016 000002
000017 000001
000020 000000
# Total: 000000003
# Min Latencies: 00016
# Avg Latencies: 00016
# Max Latencies: 00017
# Histogram Overflows: 00000
# Histogram Overflow at cycle number:
# Thread 0:
`;

test('histogram buckets expand to one sample per wakeup, in ns', () => {
  assert.deepEqual(parseCyclictestHistogram(OUTPUT), { samplesNs: [16_000, 16_000, 17_000], overflows: 0 });
  assert.equal(parseCyclictestHistogram(OUTPUT.replace('Overflows: 00000', 'Overflows: 00004')).overflows, 4);
});

test('argv: SCHED_OTHER, no cpu_dma_latency change, -r only for relative deadlines', () => {
  const tool = { path: '/usr/bin/cyclictest', version: '2.40' };
  const relative = cyclictestArgv(tool, { deadline: 'relative', intervalNs: 1_500_000, edge: false, id: '' }, 20);
  assert.deepEqual(relative.slice(0, 5), ['/usr/bin/cyclictest', '-t1', '--policy=normal', '-q', '--laptop']);
  assert.ok(relative.includes('-i1500') && relative.includes('-l20') && relative.includes('-r'));
  assert.ok(
    !cyclictestArgv(tool, { deadline: 'absolute', intervalNs: 1_000_000, edge: false, id: '' }, 5).includes('-r'),
  );
});

test('intervals cyclictest cannot express are left out with the reason', () => {
  assert.match(cyclictestProblem({ deadline: 'relative', intervalNs: 0, edge: true, id: '' })!, /at least 1 us/);
  assert.match(
    cyclictestProblem({ deadline: 'relative', intervalNs: 1500, edge: false, id: '' })!,
    /whole microseconds/,
  );
  assert.equal(cyclictestProblem({ deadline: 'relative', intervalNs: 100_000, edge: true, id: '' }), null);
});
