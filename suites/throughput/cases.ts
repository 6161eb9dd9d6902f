/**
 * Planned cases of the throughput suite: one per variant x runtime x mode,
 * each sample one complete load run against a freshly started server.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ThroughputVariant } from '../../core/config/types.ts';
import type { MetricUnit } from '../../core/results/model.ts';
import type { MetricSemantics } from '../../core/results/semantics.ts';
import { skipSentence, type SkipReason } from '../../core/plan/skip.ts';
import type { Fixture } from '../../core/workloads/manifest.ts';
import { workloadProvenance } from '../../core/workloads/provenance.ts';
import type { Workload } from '../../core/workloads/types.ts';
import type { AvailableRuntime, CacheState, ModeSupport } from '../../runners/types.ts';
import { caseId } from '../guest-case.ts';
import type { CaseHeader, PlannedCase, SuiteContext } from '../types.ts';
import { expectedResponse, REQUEST_BODY } from './expected.ts';
import { cpuCount, pinned, type CpuPlan, type ResolvedThroughput } from './options.ts';
import { takeThroughputSample } from './sample.ts';
import type { ServerSpec } from './server-process.ts';

export const THROUGHPUT_UNITS: Record<string, MetricUnit> = {
  requestsPerSec: 'req/s',
  latencyNs: 'ns',
  serviceLatencyNs: 'ns',
  maxLoadLatencyP50Ns: 'ns',
  maxLoadLatencyP99Ns: 'ns',
  fixedRateTargetPerSec: 'req/s',
  fixedRateAchievedPerSec: 'req/s',
  errors: 'count',
  timeouts: 'count',
  non2xx: 'count',
  mismatches: 'count',
  serverCpuNs: 'ns',
  serverRunDelayNs: 'ns',
  serverMaxRssBytes: 'bytes',
  clientCpuNs: 'ns',
  clientRunDelayNs: 'ns',
  maxLoadWallNs: 'ns',
  clientSchedLagP99Ns: 'ns',
  clientBound: 'count',
};

/** Which figure is which, as data on each metric (reporters read this, not METRIC_GUIDE's prose). */
export const THROUGHPUT_SEMANTICS: Record<string, MetricSemantics> = {
  requestsPerSec: { better: 'higher', load: 'closed-loop' },
  latencyNs: { better: 'lower', load: 'fixed-rate', coordinatedOmission: 'corrected' },
  serviceLatencyNs: { better: 'lower', load: 'fixed-rate', coordinatedOmission: 'uncorrected' },
  maxLoadLatencyP50Ns: { better: 'lower', load: 'closed-loop', coordinatedOmission: 'uncorrected' },
  maxLoadLatencyP99Ns: { better: 'lower', load: 'closed-loop', coordinatedOmission: 'uncorrected' },
};

/** Written into every case's params, for people reading the results file. */
export const METRIC_GUIDE = {
  requestsPerSec: 'max throughput: responses per whole second, closed loop (autocannon)',
  latencyNs: "fixed rate, from each request's INTENDED send time: corrected for coordinated omission",
  serviceLatencyNs: 'fixed rate, from the actual write: NOT corrected for coordinated omission',
  maxLoadLatency: 'maxLoadLatencyP50Ns/P99Ns: closed loop at max throughput, from the actual send: NOT corrected',
  clientBound:
    '1 when the load generator set the pace: running or waiting for a CPU >= 90% of the closed-loop run, or > 1 ms behind its schedule (p99) at the fixed rate',
};

export interface ThroughputCaseSpec {
  variant: ThroughputVariant;
  runtime: AvailableRuntime | { id: string; host: AvailableRuntime['host'] };
  /** Tells apart modes that share one shared mode (container engines): see modeVariant(). */
  modeVariant?: string;
  mode: ModeSupport;
  cacheState: CacheState;
  fixture: Fixture;
  opts: ResolvedThroughput;
  cpus: CpuPlan;
  tasksetPath: string | null;
  /** A user's workload run as the cgi handler instead of the bundled one: named in the case id, its provenance recorded. */
  workload?: Workload;
  /** The response body every request must get (null: not compared); default: the bundled handler's for `rounds`. */
  expectBody?: string | null;
  /** Extra params for the results (e.g. how a user handler's response is checked). */
  params?: Record<string, unknown>;
  /** Untimed setup (e.g. build the native handler); returns how to start the server, asked again per sample (fresh port). */
  prepareServer(workDir: string, maxLifetimeMs: number): Promise<() => Promise<ServerSpec>>;
}

/** One closed-loop driver process per client CPU (autocannon is single-threaded). */
export function clientProcesses(cpus: CpuPlan): number {
  return cpus.client ? cpuCount(cpus.client) : 1;
}

function sampleLifetimeMs(opts: ResolvedThroughput): number {
  // Warmup + two phases + their request timeouts + start-up slack: the server stops itself past this.
  return opts.warmupMs + 2 * opts.durationMs + 3 * opts.requestTimeoutMs + 60_000;
}

export function throughputCase(ctx: SuiteContext, spec: ThroughputCaseSpec): PlannedCase {
  const { opts } = spec;
  const id = caseId([
    'throughput',
    spec.variant,
    spec.runtime.id,
    spec.mode.mode,
    spec.modeVariant,
    spec.workload?.name,
  ]);
  const workDir = join(ctx.workDir, id.replaceAll('/', '_'));
  const header: CaseHeader = {
    id,
    suite: 'throughput',
    runtime: spec.runtime.id,
    host: spec.runtime.host,
    mode: spec.mode.mode,
    modeName: spec.mode.modeName,
    cacheState: spec.cacheState,
    fixture: spec.fixture.name,
    params: {
      variant: spec.variant,
      runtime: spec.runtime.id,
      mode: spec.mode.mode,
      connections: opts.connections,
      rate: opts.ratePerSec ?? `${opts.rateFraction} x max`,
      rateFraction: opts.ratePerSec ? null : opts.rateFraction,
      ratePerSec: opts.ratePerSec,
      durationMs: opts.durationMs,
      warmupMs: opts.warmupMs,
      rounds: opts.rounds,
      requestTimeoutMs: opts.requestTimeoutMs,
      serverCpus: spec.cpus.server,
      clientCpus: spec.cpus.client,
      clientProcesses: clientProcesses(spec.cpus),
      ...(spec.cpus.reason ? { pinning: spec.cpus.reason } : {}),
      loadGenerator:
        'closed loop: autocannon; fixed rate: wasmbench open-loop driver (suites/throughput/load/fixed-rate.mjs)',
      metricGuide: METRIC_GUIDE,
      ...spec.params,
    },
    command: [],
    flags: spec.mode.flags,
    timing: 'load-generator',
    warmups: 0,
    ...(spec.workload ? { workload: workloadProvenance(spec.workload) } : {}),
  };
  const expectBody = spec.expectBody !== undefined ? spec.expectBody : expectedResponse(opts.rounds);
  let serverFor: (() => Promise<ServerSpec>) | null = null;
  const pinnedServer = async (): Promise<ServerSpec> => {
    const base = await serverFor!();
    return { ...base, argv: pinned(base.argv, spec.cpus.server, spec.tasksetPath) };
  };
  return {
    header,
    units: { ...THROUGHPUT_UNITS },
    semantics: THROUGHPUT_SEMANTICS,
    histogramMetrics: ['latencyNs', 'serviceLatencyNs'],
    streamMetrics: ['latencyNs', 'serviceLatencyNs'],
    estimateSampleMs: opts.warmupMs + 2 * opts.durationMs + 2000,
    async prepare() {
      await mkdir(workDir, { recursive: true });
      serverFor = await spec.prepareServer(workDir, sampleLifetimeMs(opts));
      header.command = (await pinnedServer()).argv;
    },
    loopCase: {
      id,
      warmups: 0,
      iterations: opts.iterations,
      async takeSample() {
        if (!serverFor) throw new Error('case sampled before prepare()');
        return takeThroughputSample({
          server: await pinnedServer(),
          body: REQUEST_BODY,
          expectBody,
          connections: opts.connections,
          durationMs: opts.durationMs,
          warmupMs: opts.warmupMs,
          rateFraction: opts.rateFraction,
          ratePerSec: opts.ratePerSec,
          requestTimeoutMs: opts.requestTimeoutMs,
          clientPrefix: pinned([], spec.cpus.client, spec.tasksetPath),
          clientProcesses: clientProcesses(spec.cpus),
          onWarning: (text) => {
            ctx.bus.emit('message', { level: 'warn', text: `${id}: ${text}` });
            ctx.bus.emit('case-warning', { caseId: id, text });
          },
        });
      },
    },
  };
}

/** A variant that cannot run here, recorded as skipped with the reason. */
export function skippedThroughputCase(
  variant: ThroughputVariant,
  runtimeId: string,
  host: CaseHeader['host'],
  skip: SkipReason,
  modeVariant?: string,
): PlannedCase {
  const id = caseId(['throughput', variant, runtimeId, skip.mode, modeVariant, skip.workload]);
  const header: CaseHeader = {
    id,
    suite: 'throughput',
    runtime: runtimeId,
    host,
    mode: skip.mode ?? '*',
    modeName: skip.modeName ?? '*',
    cacheState: skip.cacheState ?? '*',
    fixture: skip.workload ?? 'handler',
    params: { variant, runtime: runtimeId },
    command: [],
    flags: [],
    warmups: 0,
  };
  return {
    header,
    skip,
    skipReason: skipSentence(skip),
    units: {},
    async prepare() {},
    loopCase: {
      id,
      warmups: 0,
      iterations: 0,
      async takeSample() {
        throw new Error('skipped case sampled');
      },
    },
  };
}
