/**
 * Builds the results file from run events. It subscribes to the bus; the
 * loop never calls it directly. Cases are keyed by their loop id, which is
 * the case id except where one loop feeds several files (A/B: `base:<id>`,
 * `head:<id>`); events for cases it does not hold are ignored.
 */
import { summarize } from '../../stats/summary.ts';
import { buildHistogram } from '../../stats/histogram.ts';
import { slowFirstRun } from '../../stats/outliers.ts';
import type { RunEventBus, SampleMetrics } from '../events.ts';
import type { PlannedCase } from '../plan/types.ts';
import type { LoopCaseReport } from '../loop.ts';
import type { CaseResult, MetricResult, ResultsFile } from './model.ts';
import type { ResultsStore } from './store.ts';
import { defaultSemantics } from './semantics.ts';

interface CaseEntry {
  result: CaseResult;
  histogramMetrics: Set<string>;
}

export class ResultsRecorder {
  private readonly entries = new Map<string, CaseEntry>();
  private lastFlushMs = 0;

  constructor(private readonly file: ResultsFile, private readonly store: ResultsStore) {}

  subscribe(bus: RunEventBus): void {
    bus.on('sample', ({ caseId, phase, index, metrics }) => {
      const entry = this.entries.get(caseId);
      if (!entry) return;
      this.store.appendSample({ caseId: entry.result.id, phase, index, ok: true, metrics });
      if (phase === 'measure') this.addMetrics(caseId, metrics);
      this.flushEvery(1000);
    });
    bus.on('case-warning', ({ caseId, text }) => this.warn(caseId, text));
    bus.on('sample-error', ({ caseId, phase, error }) => {
      const entry = this.entries.get(caseId);
      if (!entry) return;
      this.store.appendSample({ caseId: entry.result.id, phase, index: error.index, ok: false, error });
      entry.result.errors.push({ ...error, message: phase === 'warmup' ? `warmup: ${error.message}` : error.message });
    });
  }

  private warn(caseId: string, text: string): void {
    const warnings = this.entries.get(caseId)?.result.warnings;
    if (warnings && !warnings.includes(text)) warnings.push(text);
  }

  addCase(planned: PlannedCase): void {
    const result: CaseResult = {
      ...planned.header,
      status: planned.skipReason ? 'skipped' : 'ok',
      ...(planned.skipReason ? { reason: planned.skipReason } : {}),
      ...(planned.skip ? { skip: planned.skip } : {}),
      metrics: Object.fromEntries(Object.entries(planned.units).map(([name, unit]) => [name, {
        unit, samples: [], summary: null, semantics: planned.semantics?.[name] ?? defaultSemantics(name, unit),
      }])),
      errors: [],
      warnings: [],
    };
    this.entries.set(planned.loopCase.id, { result, histogramMetrics: new Set(planned.histogramMetrics ?? []) });
    this.file.cases.push(result);
  }

  /** Refresh a case's header after prepare() filled in its command. */
  updateHeader(planned: PlannedCase): void {
    const entry = this.entries.get(planned.loopCase.id);
    if (entry) Object.assign(entry.result, planned.header);
  }

  /** The case a loop id feeds, if this recorder holds it. */
  caseResult(loopId: string): CaseResult | undefined {
    return this.entries.get(loopId)?.result;
  }

  addAnalyses(analyses: ResultsFile['analyses']): void {
    this.file.analyses.push(...analyses);
  }

  markErrored(loopId: string, reason: string): void {
    const entry = this.entries.get(loopId);
    if (!entry) return;
    entry.result.status = 'errored';
    entry.result.reason = reason;
  }

  /** Decide the case status once the loop is done with it. */
  finishCase(report: LoopCaseReport): void {
    const entry = this.entries.get(report.id);
    if (entry?.result.status !== 'ok') return;
    const { result } = entry;
    if (report.errors > 0 || report.stoppedReason || report.measured === 0) {
      result.status = 'errored';
      result.reason = report.stoppedReason ?? `${report.errors} of ${report.errors + report.measured} samples failed (first: ${result.errors[0]?.message ?? 'none'})`;
    }
  }

  private addMetrics(caseId: string, metrics: SampleMetrics): void {
    const entry = this.entries.get(caseId);
    if (!entry) return;
    for (const [name, value] of Object.entries(metrics)) {
      entry.result.metrics[name] ??= { unit: 'ns', samples: [], summary: null, semantics: defaultSemantics(name, 'ns') };
      const metric = entry.result.metrics[name];
      const values = Array.isArray(value) ? value : [value];
      // A non-numeric value is a suite bug: keep it out of the statistics, but say so in the results.
      const finite = values.filter((v) => typeof v === 'number' && Number.isFinite(v));
      if (finite.length !== values.length) this.warn(caseId, `${values.length - finite.length} non-numeric ${name} value(s) dropped (a wasmbench bug: please report it)`);
      metric.samples.push(...finite);
    }
  }

  /** The results file as it stands, with summaries, histograms and warnings computed. */
  snapshot(): ResultsFile {
    for (const { result, histogramMetrics } of this.entries.values()) {
      for (const [name, metric] of Object.entries(result.metrics)) finishMetric(result, name, metric, histogramMetrics.has(name));
    }
    return this.file;
  }

  flush(): void {
    this.store.writeResults(this.snapshot());
    this.lastFlushMs = Date.now();
  }

  /** Rewrite results.json at most once per interval, so a crash loses at most that much. */
  private flushEvery(intervalMs: number): void {
    if (Date.now() - this.lastFlushMs >= intervalMs) this.flush();
  }
}

function finishMetric(result: CaseResult, name: string, metric: MetricResult, withHistogram: boolean): void {
  metric.summary = summarize(metric.samples);
  if (withHistogram && metric.samples.length > 0) {
    const histogram = buildHistogram(metric.samples, { unit: metric.unit === 'us' ? 'us' : 'ns' });
    if (histogram) metric.histogram = histogram;
  }
  const warning = `slow first run: the first ${name} sample was more than 2x the median of the rest (caches or page faults); consider more warmups`;
  if (name === 'wallNs' && slowFirstRun(metric.samples) && !result.warnings.includes(warning)) result.warnings.push(warning);
}
