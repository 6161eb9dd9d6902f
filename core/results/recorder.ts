/**
 * Builds the results file from run events. It subscribes to the bus; the
 * loop never calls it directly. Cases are keyed by their loop id, which is
 * the case id except where one loop feeds several files (A/B: `base:<id>`,
 * `head:<id>`); events for cases it does not hold are ignored.
 *
 * A flush costs O(samples added since the last one): each metric keeps a
 * dirty flag and only changed metrics are re-summarised. High-volume metrics
 * (a suite's `streamMetrics`, or a `histogramMetrics` entry past
 * RAW_SAMPLES_LIMIT samples) go into an HDR histogram as they arrive and are
 * stored as that histogram plus exact totals (schemaVersion 2); their raw
 * values stay in memory for samples.parquet, never in results.json.
 */
import { medianCi, summarize } from '../../stats/summary.ts';
import { buildHistogram } from '../../stats/histogram.ts';
import { HistogramAccumulator } from '../../stats/histogram-stream.ts';
import { summarizeBins } from '../../stats/histogram-bins.ts';
import { slowFirstRun } from '../../stats/outliers.ts';
import type { RunEventBus, SampleMetrics } from '../events.ts';
import type { PlannedCase } from '../plan/types.ts';
import type { LoopCaseReport } from '../loop.ts';
import type { CaseResult, MetricResult, ResultsFile } from './model.ts';
import type { ResultsStore } from './store.ts';
import { defaultSemantics } from './semantics.ts';
import { settleCase } from './settle.ts';

/** A metric with more samples than this (and a histogram) is stored as the histogram alone. */
export const RAW_SAMPLES_LIMIT = 10_000;

interface MetricState {
  /** Changed since its summary was last computed. */
  dirty: boolean;
  /** Set once the metric is histogram-stored. */
  stream?: HistogramAccumulator;
}

interface CaseEntry {
  result: CaseResult;
  histogramMetrics: Set<string>;
  streamMetrics: Set<string>;
  state: Map<string, MetricState>;
  /** Measured samples seen so far, ok and failed: what settleInFlight() judges by when the loop never reports. */
  measured: number;
  failed: number;
  settled: boolean;
}

export class ResultsRecorder {
  private readonly entries = new Map<string, CaseEntry>();
  private lastFlushMs = 0;

  constructor(
    private readonly file: ResultsFile,
    private readonly store: ResultsStore,
  ) {}

  subscribe(bus: RunEventBus): void {
    bus.on('sample', ({ caseId, phase, index, metrics }) => {
      const entry = this.entries.get(caseId);
      if (!entry) return;
      this.store.appendSample({ caseId: entry.result.id, phase, index, ok: true, metrics });
      if (phase === 'measure') {
        entry.measured++;
        this.addMetrics(caseId, metrics);
      }
      this.flushEvery(1000);
    });
    bus.on('case-warning', ({ caseId, text }) => this.warn(caseId, text));
    bus.on('sample-error', ({ caseId, phase, error }) => {
      const entry = this.entries.get(caseId);
      if (!entry) return;
      this.store.appendSample({ caseId: entry.result.id, phase, index: error.index, ok: false, error });
      if (phase === 'measure') entry.failed++;
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
      ...(planned.skipReason ? {} : { iterations: planned.loopCase.iterations }),
      metrics: Object.fromEntries(
        Object.entries(planned.units).map(([name, unit]) => [
          name,
          {
            unit,
            samples: [],
            summary: null,
            semantics: planned.semantics?.[name] ?? defaultSemantics(name, unit),
          },
        ]),
      ),
      errors: [],
      warnings: [],
    };
    this.entries.set(planned.loopCase.id, {
      result,
      histogramMetrics: new Set(planned.histogramMetrics ?? []),
      streamMetrics: new Set(planned.streamMetrics ?? []),
      state: new Map(),
      measured: 0,
      failed: 0,
      settled: false,
    });
    this.file.cases.push(result);
    // The next sample flushes at once: a run killed in its first second must still name its cases, or recovery has nothing to fill.
    this.lastFlushMs = 0;
  }

  /** Refresh a case's header after prepare() filled in its command. */
  updateHeader(planned: PlannedCase): void {
    const entry = this.entries.get(planned.loopCase.id);
    if (!entry) return;
    Object.assign(entry.result, planned.header);
    for (const [name, metric] of Object.entries(planned.preparedMetrics ?? {})) {
      entry.result.metrics[name] = structuredClone(metric);
      stateOf(entry, name).dirty = true; // summarised at the next flush
    }
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
    if (!entry) return;
    entry.settled = true;
    settleCase(entry.result, report);
  }

  /**
   * A second Ctrl-C exits before the loop reports: settle every case it has
   * not, from the samples seen, as the loop would have (a case with all its
   * samples is done; one cut short is `incomplete`; one never started errors).
   */
  settleInFlight(): void {
    for (const entry of this.entries.values()) {
      if (entry.settled) continue;
      entry.settled = true;
      const { result, measured, failed } = entry;
      const finished = result.iterations !== undefined && measured + failed >= result.iterations;
      settleCase(result, { measured, errors: failed, stoppedReason: finished ? null : 'interrupted' });
    }
  }

  private addMetrics(caseId: string, metrics: SampleMetrics): void {
    const entry = this.entries.get(caseId);
    if (!entry) return;
    for (const [name, value] of Object.entries(metrics)) {
      entry.result.metrics[name] ??= {
        unit: 'ns',
        samples: [],
        summary: null,
        semantics: defaultSemantics(name, 'ns'),
      };
      const metric = entry.result.metrics[name];
      const values = Array.isArray(value) ? value : [value];
      // A non-numeric value is a suite bug: keep it out of the statistics, but say so in the results.
      const finite = values.filter((v) => typeof v === 'number' && Number.isFinite(v));
      if (finite.length !== values.length)
        this.warn(
          caseId,
          `${values.length - finite.length} non-numeric ${name} value(s) dropped (a wasmbench bug: please report it)`,
        );
      const state = stateOf(entry, name);
      state.dirty = true;
      if (state.stream) state.stream.add(finite);
      else for (const v of finite) metric.samples.push(v); // no spread: a sample may carry 10^5 latencies
      const highVolume =
        entry.streamMetrics.has(name) ||
        (entry.histogramMetrics.has(name) && metric.samples.length > RAW_SAMPLES_LIMIT);
      if (!state.stream && highVolume) {
        state.stream = new HistogramAccumulator(metric.unit === 'us' ? 'us' : 'ns');
        state.stream.add(metric.samples);
        metric.samples = [];
      }
    }
  }

  /** The results file as it stands, with summaries, histograms and warnings of changed metrics recomputed. */
  snapshot(): ResultsFile {
    for (const entry of this.entries.values()) {
      for (const [name, metric] of Object.entries(entry.result.metrics)) {
        const state = stateOf(entry, name);
        if (!state.dirty) continue;
        if (state.stream) finishStreamMetric(metric, state.stream);
        else finishMetric(entry.result, name, metric, entry.histogramMetrics.has(name));
        state.dirty = false;
      }
    }
    return this.file;
  }

  /** Every metric's raw values, histogram-stored ones included: the rows of samples.parquet. */
  *rawSamples(): Generator<{ result: CaseResult; metric: string; unit: string; values: ArrayLike<number> }> {
    for (const entry of this.entries.values()) {
      for (const [name, metric] of Object.entries(entry.result.metrics)) {
        const values = entry.state.get(name)?.stream?.values() ?? metric.samples;
        if (values.length) yield { result: entry.result, metric: name, unit: metric.unit, values };
      }
    }
  }

  flush(): void {
    // While the file says `running`, it names its writer, so a reader can tell a live run from a killed one (recover.ts).
    if (this.file.state === 'running') this.file.pid = process.pid;
    else delete this.file.pid;
    this.store.writeResults(this.snapshot());
    this.lastFlushMs = Date.now();
  }

  /** Rewrite results.json at most once per interval, so a crash loses at most that much. */
  private flushEvery(intervalMs: number): void {
    if (Date.now() - this.lastFlushMs >= intervalMs) this.flush();
  }
}

function stateOf(entry: CaseEntry, name: string): MetricState {
  const known = entry.state.get(name);
  if (known) return known;
  const state: MetricState = { dirty: true };
  entry.state.set(name, state);
  return state;
}

/** A histogram-stored metric from its accumulator (also used to rebuild one from samples.jsonl, recover.ts). */
export function finishStreamMetric(metric: MetricResult, stream: HistogramAccumulator): void {
  metric.storage = 'histogram';
  metric.summarySource = 'histogram';
  metric.samples = [];
  if (stream.count === 0) return;
  const exact = stream.exact();
  metric.exact = exact;
  metric.histogram = stream.record();
  metric.summary = summarizeBins(stream.bins(), exact, medianCi(exact.count));
}

function finishMetric(result: CaseResult, name: string, metric: MetricResult, withHistogram: boolean): void {
  metric.summary = summarize(metric.samples);
  if (withHistogram && metric.samples.length > 0) {
    const histogram = buildHistogram(metric.samples, { unit: metric.unit === 'us' ? 'us' : 'ns' });
    if (histogram) metric.histogram = histogram;
  }
  const warning = `slow first run: the first ${name} sample was more than 2x the median of the rest (caches or page faults); consider more warmups`;
  if (name === 'wallNs' && slowFirstRun(metric.samples) && !result.warnings.includes(warning))
    result.warnings.push(warning);
}
