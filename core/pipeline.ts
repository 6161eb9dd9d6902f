/**
 * The one measuring pipeline every run goes through (`run`'s suites and
 * `ab`): prepare each planned case untimed, measure them all in one
 * interleaved loop, and settle each case in every recorder that holds it.
 * Callers plan the cases and add them to their recorder(s) first.
 */
import type { RunEventBus } from './events.ts';
import { runLoop } from './loop.ts';
import type { PlannedCase } from './plan/types.ts';
import type { SuiteId } from './results/model.ts';
import type { ResultsRecorder } from './results/recorder.ts';

export interface PipelineContext {
  bus: RunEventBus;
  signal: AbortSignal;
  seed: number;
}

export async function measurePlanned(
  suite: SuiteId,
  planned: PlannedCase[],
  recorders: readonly ResultsRecorder[],
  ctx: PipelineContext,
): Promise<void> {
  const runnable = await prepareAll(planned, recorders, ctx.bus);
  const samples = runnable.reduce((n, p) => n + p.loopCase.warmups + p.loopCase.iterations, 0);
  const estimate = runnable.every((p) => p.estimateSampleMs !== undefined)
    ? runnable.reduce((ms, p) => ms + (p.loopCase.warmups + p.loopCase.iterations) * p.estimateSampleMs!, 0)
    : null;
  ctx.bus.emit('suite-start', { suite, cases: runnable.length, samples, estimateMs: estimate });
  const reports = await runLoop(
    runnable.map((p) => p.loopCase),
    { seed: ctx.seed, signal: ctx.signal },
    ctx.bus,
  );
  for (const report of reports) {
    for (const recorder of recorders) recorder.finishCase(report);
    const result = recorders.map((r) => r.caseResult(report.id)).find(Boolean);
    if (result) ctx.bus.emit('case-done', { caseId: report.id, status: result.status, reason: result.reason });
  }
}

/** Prepare every case (untimed); a case that fails to prepare is recorded as errored and left out. */
async function prepareAll(
  planned: PlannedCase[],
  recorders: readonly ResultsRecorder[],
  bus: RunEventBus,
): Promise<PlannedCase[]> {
  const runnable: PlannedCase[] = [];
  for (const p of planned) {
    if (p.skipReason) {
      bus.emit('case-skipped', { caseId: p.header.id, reason: p.skipReason });
      continue;
    }
    try {
      const startMs = performance.now();
      await p.prepare();
      bus.emit('case-prepared', { caseId: p.header.id, prepareMs: performance.now() - startMs });
      for (const recorder of recorders) recorder.updateHeader(p);
      runnable.push(p);
    } catch (err) {
      const reason = `prepare failed: ${(err as Error).message}`;
      for (const recorder of recorders) {
        recorder.updateHeader(p);
        recorder.markErrored(p.loopCase.id, reason);
      }
      bus.emit('case-done', { caseId: p.header.id, status: 'errored', reason });
    }
  }
  return runnable;
}
