/** Test helper: a results recorder fed through its event bus, as `wasmbench run` feeds it. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunEventBus } from '../../core/events.ts';
import { ResultsRecorder } from '../../core/results/recorder.ts';
import { ResultsStore } from '../../core/results/store.ts';
import { SCHEMA_VERSION, type ResultsFile } from '../../core/results/model.ts';
import type { PlannedCase } from '../../suites/types.ts';

export const tmp = () => mkdtempSync(join(tmpdir(), 'wb-hist-'));

export function newRecorder(dir: string) {
  const file: ResultsFile = {
    schemaVersion: SCHEMA_VERSION,
    runId: 'r',
    startedAt: '2026-01-01T00:00:00Z',
    finishedAt: null,
    state: 'running',
    tool: { name: 'wasmbench', version: 't' },
    seed: 1,
    config: {},
    environment: { arch: 'x64', cpuModel: 'Test CPU 3000' },
    runtimes: [],
    cases: [],
    analyses: [],
  };
  const recorder = new ResultsRecorder(file, new ResultsStore(dir));
  const bus = new RunEventBus();
  recorder.subscribe(bus);
  const add = (id: string, extra: Partial<PlannedCase>) =>
    recorder.addCase({
      header: {
        id,
        suite: 'throughput',
        runtime: 'node',
        host: 'embed-node',
        mode: 'tiered',
        modeName: 'tiered',
        cacheState: 'warm',
        fixture: 'f',
        params: {},
        command: [],
        flags: [],
        warmups: 0,
      },
      units: { latencyNs: 'ns', wallNs: 'ns', overshootNs: 'ns' },
      prepare: async () => {},
      loopCase: { id, warmups: 0, iterations: 0, takeSample: async () => ({ ok: true, metrics: {} }) },
      ...extra,
    } as PlannedCase);
  const sample = (caseId: string, metrics: Record<string, number[]>, index = 0) =>
    bus.emit('sample', { caseId, phase: 'measure', index, metrics });
  return { file, recorder, add, sample };
}

/** 0..n-1 scrambled, times a scale: a fixed data set with a known exact summary. */
export const fixed = (n: number, scale = 1000, shift = 100_000) =>
  Array.from({ length: n }, (_, i) => shift + ((((i * 7919) % n) * scale) / n) * 100);
