/**
 * One benchmark run: config -> plan -> (prepare, measuring loop) per suite
 * -> results file. Reporting is done by subscribers of the event bus.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { suiteFor } from '../suites/registry.ts';
import type { PlannedCase, Suite, SuiteContext } from '../suites/types.ts';
import type { ResolvedConfig } from './config/types.ts';
import { fingerprint } from './environment.ts';
import type { RunEventBus } from './events.ts';
import { runLoop } from './loop.ts';
import { createProcessTimer } from './process/timer.ts';
import { SCHEMA_VERSION, type ResultsFile } from './results/model.ts';
import { ResultsRecorder } from './results/recorder.ts';
import { ResultsStore } from './results/store.ts';
import { detectRuntimes, runtimeRecord } from './runtimes.ts';
import { toolVersion } from './tool-version.ts';
import { nativeRatios } from './ab/native-ratio.ts';

export interface RunRequest {
  config: ResolvedConfig;
  runId: string;
  bus: RunEventBus;
  signal: AbortSignal;
  /** Called once the recorder exists, e.g. to flush it from a second Ctrl-C. */
  onRecorder?(recorder: ResultsRecorder, file: ResultsFile): void;
}

export interface RunOutcome {
  file: ResultsFile;
  outDir: string;
  recorder: ResultsRecorder;
}

export async function runBenchmarks(request: RunRequest): Promise<RunOutcome> {
  const { config, bus, signal } = request;
  const suites = config.suites.map((id) => suiteFor(id));
  const outDir = resolve(config.out);
  const store = new ResultsStore(outDir);
  const [environment, runtimes, timer] = await Promise.all([
    fingerprint(), detectRuntimes(config.runtimes), createProcessTimer({ method: config.timing }),
  ]);
  if (timer.fallbackReason) bus.emit('message', { level: 'warn', text: `timing with Node's spawn (no per-child CPU/RSS): ${timer.fallbackReason}` });
  const file: ResultsFile = {
    schemaVersion: SCHEMA_VERSION, runId: request.runId, startedAt: new Date().toISOString(), finishedAt: null,
    state: 'running', tool: { name: 'wasmbench', version: await toolVersion() }, seed: config.seed,
    config, environment: { ...environment }, runtimes: runtimes.map(runtimeRecord), cases: [], analyses: [],
  };
  const recorder = new ResultsRecorder(file, store);
  recorder.subscribe(bus);
  recorder.flush();
  request.onRecorder?.(recorder, file);
  const workDir = await mkdtemp(join(tmpdir(), 'wasmbench-'));
  try {
    const ctx: SuiteContext = { config, runtimes, timer, bus, workDir, signal };
    for (const suite of suites) {
      if (signal.aborted) break;
      await runSuite(suite, ctx, recorder);
    }
    // Each wasm case over its native twin: a machine-independent figure for trends across machines.
    recorder.addAnalyses(nativeRatios(recorder.snapshot().cases));
  } finally {
    file.finishedAt = new Date().toISOString();
    file.state = signal.aborted ? 'interrupted' : 'complete';
    recorder.flush();
    timer.close?.();
    await rm(workDir, { recursive: true, force: true });
  }
  return { file, outDir, recorder };
}

async function runSuite(suite: Suite, ctx: SuiteContext, recorder: ResultsRecorder): Promise<void> {
  const sub = { ...ctx, workDir: join(ctx.workDir, suite.id) };
  await mkdir(sub.workDir, { recursive: true });
  const planned = await suite.plan(sub);
  planned.forEach((p) => recorder.addCase(p));
  const runnable = await prepareAll(planned, ctx, recorder);
  const samples = runnable.reduce((n, p) => n + p.loopCase.warmups + p.loopCase.iterations, 0);
  const estimate = runnable.every((p) => p.estimateSampleMs !== undefined)
    ? runnable.reduce((ms, p) => ms + (p.loopCase.warmups + p.loopCase.iterations) * p.estimateSampleMs!, 0)
    : null;
  ctx.bus.emit('suite-start', { suite: suite.id, cases: runnable.length, samples, estimateMs: estimate });
  const reports = await runLoop(runnable.map((p) => p.loopCase), { seed: ctx.config.seed, signal: ctx.signal }, ctx.bus);
  for (const report of reports) {
    recorder.finishCase(report);
    const result = recorder.caseResult(report.id);
    if (result) ctx.bus.emit('case-done', { caseId: report.id, status: result.status, reason: result.reason });
  }
  if (suite.analyze) recorder.addAnalyses(suite.analyze(recorder.snapshot().cases.filter((c) => c.suite === suite.id)));
  recorder.flush();
  ctx.bus.emit('suite-done', { suite: suite.id });
}

/** Prepare every case (untimed); a case that fails to prepare is recorded as errored and left out. */
async function prepareAll(planned: PlannedCase[], ctx: SuiteContext, recorder: ResultsRecorder): Promise<PlannedCase[]> {
  const runnable: PlannedCase[] = [];
  for (const p of planned) {
    if (p.skipReason) {
      ctx.bus.emit('case-skipped', { caseId: p.header.id, reason: p.skipReason });
      continue;
    }
    try {
      const startMs = performance.now();
      await p.prepare();
      ctx.bus.emit('case-prepared', { caseId: p.header.id, prepareMs: performance.now() - startMs });
      recorder.updateHeader(p);
      runnable.push(p);
    } catch (err) {
      const reason = `prepare failed: ${(err as Error).message}`;
      recorder.updateHeader(p);
      recorder.markErrored(p.header.id, reason);
      ctx.bus.emit('case-done', { caseId: p.header.id, status: 'errored', reason });
    }
  }
  return runnable;
}
