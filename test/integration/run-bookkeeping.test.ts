// What the parent does around a sample (issue 14): the recorder keeps every
// sample in samples.jsonl (one open file, a write per sample) and rewrites
// results.json mid-run with fresh summaries; the progress bar never leaves a
// timer running while a child is timed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunEventBus } from '../../core/events.ts';
import { ResultsRecorder } from '../../core/results/recorder.ts';
import { ResultsStore } from '../../core/results/store.ts';
import { SCHEMA_VERSION, type ResultsFile } from '../../core/results/model.ts';
import type { PlannedCase } from '../../suites/types.ts';
import { attachProgress } from '../../cli/progress.ts';

function emptyFile(): ResultsFile {
  return {
    schemaVersion: SCHEMA_VERSION,
    runId: 'r',
    startedAt: 'now',
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
}

function planned(id: string): PlannedCase {
  return {
    header: {
      id,
      suite: 'startup',
      runtime: 'native',
      host: 'native',
      mode: 'aot',
      modeName: 'cc',
      cacheState: 'precompiled',
      fixture: 'noop',
      params: {},
      command: [],
      flags: [],
      warmups: 0,
    },
    units: { wallNs: 'ns' },
    histogramMetrics: ['wallNs'],
    async prepare() {},
    loopCase: {
      id,
      warmups: 0,
      iterations: 3,
      async takeSample() {
        return { ok: true, metrics: {} };
      },
    },
  };
}

test('mid-run results.json has fresh summaries; the snapshot has the histogram; every sample is in samples.jsonl', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wb-bookkeeping-'));
  try {
    const store = new ResultsStore(dir);
    const file = emptyFile();
    const recorder = new ResultsRecorder(file, store);
    const bus = new RunEventBus();
    recorder.subscribe(bus);
    recorder.addCase(planned('a'));
    recorder.flush(); // lastFlush = now: the next sample-driven flush waits a second
    for (const [i, v] of [300, 100, 200].entries())
      bus.emit('sample', { caseId: 'a', phase: 'measure', index: i, metrics: { wallNs: v } });
    (recorder as unknown as { lastFlushMs: number }).lastFlushMs = 0; // as if a second had passed
    bus.emit('sample', { caseId: 'a', phase: 'measure', index: 3, metrics: { wallNs: 400 } });
    const mid = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as ResultsFile;
    const midWall = mid.cases[0].metrics.wallNs;
    assert.deepEqual(midWall.samples, [300, 100, 200, 400]);
    assert.equal(midWall.summary?.median, 250);
    const full = recorder.snapshot().cases[0].metrics.wallNs;
    assert.equal(full.summary?.n, 4);
    assert.ok(full.histogram, 'the full snapshot builds the histogram');
    store.close();
    const lines = readFileSync(join(dir, 'samples.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { index: number; metrics: { wallNs: number } });
    assert.deepEqual(
      lines.map((l) => l.metrics.wallNs),
      [300, 100, 200, 400],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the interactive progress bar redraws on events only: no timer is left running between samples', () => {
  const timersBefore = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
  const bus = new RunEventBus();
  const write = process.stderr.write;
  const out: string[] = [];
  process.stderr.write = ((chunk: string) => {
    out.push(String(chunk));
    return true;
  }) as typeof process.stderr.write;
  try {
    const progress = attachProgress(bus, { interactive: true });
    bus.emit('suite-start', { suite: 'startup', cases: 1, samples: 2, estimateMs: null });
    bus.emit('sample', { caseId: 'startup/native/x', phase: 'measure', index: 0, metrics: { wallNs: 1 } });
    assert.equal(process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length, timersBefore);
    bus.emit('sample', { caseId: 'startup/native/x', phase: 'measure', index: 1, metrics: { wallNs: 1 } });
    bus.emit('suite-done', { suite: 'startup' });
    progress.stop();
  } finally {
    process.stderr.write = write;
  }
  assert.ok(
    out.some((s) => s.includes('2/2 samples')),
    `the last sample is drawn: ${JSON.stringify(out)}`,
  );
});
