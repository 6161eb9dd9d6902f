// Metric semantics are data in the results: the recorder writes them, reporters and compare read them, not prose.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { directionOf } from '../../core/compare/metrics.ts';
import type { PlannedCase } from '../../core/plan/types.ts';
import { SCHEMA_VERSION, type ResultsFile } from '../../core/results/model.ts';
import { ResultsRecorder } from '../../core/results/recorder.ts';
import { ResultsStore } from '../../core/results/store.ts';
import { defaultSemantics } from '../../core/results/semantics.ts';
import { latencyCorrection } from '../../reports/charts/throughput.ts';
import { THROUGHPUT_SEMANTICS } from '../../suites/throughput/cases.ts';

function recorded(planned: Pick<PlannedCase, 'units' | 'semantics'>) {
  const file: ResultsFile = {
    schemaVersion: SCHEMA_VERSION,
    runId: 't',
    startedAt: '',
    finishedAt: null,
    state: 'running',
    tool: { name: 'wasmbench', version: '0' },
    seed: 1,
    config: {},
    environment: { arch: 'x64', cpuModel: 'test' },
    runtimes: [],
    cases: [],
    analyses: [],
  };
  const recorder = new ResultsRecorder(file, new ResultsStore(mkdtempSync(join(tmpdir(), 'wb-sem-'))));
  recorder.addCase({
    header: {
      id: 'throughput/x',
      suite: 'throughput',
      runtime: 'node',
      host: 'embed-node',
      mode: 'tiered',
      modeName: 'tiered',
      cacheState: 'cold',
      fixture: 'handler',
      params: {},
      command: [],
      flags: [],
      warmups: 0,
    },
    ...planned,
    prepare: async () => {},
    loopCase: { id: 'throughput/x', warmups: 0, iterations: 0, takeSample: async () => ({ ok: true, metrics: {} }) },
  });
  return file.cases[0];
}

test('every recorded metric states which way is better; a suite adds load and correction', () => {
  const c = recorded({
    units: { requestsPerSec: 'req/s', latencyNs: 'ns', serviceLatencyNs: 'ns', maxRssBytes: 'bytes' },
    semantics: THROUGHPUT_SEMANTICS,
  });
  assert.deepEqual(c.metrics.requestsPerSec.semantics, { better: 'higher', load: 'closed-loop' });
  assert.deepEqual(c.metrics.latencyNs.semantics, {
    better: 'lower',
    load: 'fixed-rate',
    coordinatedOmission: 'corrected',
  });
  assert.deepEqual(c.metrics.maxRssBytes.semantics, { better: 'lower' });
  assert.equal(latencyCorrection(c, 'latencyNs', c.metrics.latencyNs), 'corrected');
  assert.equal(latencyCorrection(c, 'serviceLatencyNs', c.metrics.serviceLatencyNs), 'uncorrected');
});

test('stated semantics win over names and prose', () => {
  const c = recorded({
    units: { latencyNs: 'ns' },
    semantics: { latencyNs: { better: 'lower', coordinatedOmission: 'uncorrected' } },
  });
  c.params = { metricGuide: { latencyNs: 'from the INTENDED send time: corrected for coordinated omission' } };
  assert.equal(latencyCorrection(c, 'latencyNs', c.metrics.latencyNs), 'uncorrected');
  // A count that is better higher, if a suite says so, is gated that way whatever its name.
  assert.equal(directionOf('hits', { unit: 'count', semantics: { better: 'higher' } }), 'higher-is-better');
  assert.equal(directionOf('hits', { unit: 'count' }), 'lower-is-better');
  assert.deepEqual(defaultSemantics('fixedRateAchievedPerSec', 'req/s'), { better: 'higher' });
});
