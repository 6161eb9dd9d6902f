/**
 * The startup suite: for each runtime x mode x cache state x fixture, a
 * fresh process per sample. Records spawn-to-exit, spawn-to-first-output,
 * spawn-to-main-entry, per-child CPU and peak RSS, the host's phases where
 * it reports them, and in-guest iteration times for compute fixtures.
 */
import { UsageError } from '../../core/errors.ts';
import { numbers, type GuestOutput } from '../../core/protocol.ts';
import type { SampleMetrics } from '../../core/events.ts';
import { assertValidWasm, loadFixture, type Fixture } from '../../core/workloads/manifest.ts';
import { guestCase, skippedCase, modeVariant, skipIdParts } from '../guest-case.ts';
import { planMatrix } from '../../core/plan/matrix.ts';
import { fixtureWorkload, workloadFixture } from '../../core/workloads/fixture.ts';
import type { Workload } from '../../core/workloads/types.ts';
import { refusedCases } from './workload-cases.ts';
import { workloadSkipReason } from '../workload-support.ts';
import type { PlannedCase, Suite, SuiteContext } from '../types.ts';
import { crossoverAnalyses } from './crossover.ts';
import { compilePaybackAnalyses } from './compile-payback.ts';
import { callCases } from './call-cases.ts';

/** Protocol keys a host or guest may print, and the metric each becomes. */
const PHASE_METRICS: Record<string, string> = {
  compile_ns: 'compileNs',
  instantiate_ns: 'instantiateNs',
  execute_ns: 'executeNs',
};

export const STARTUP_UNITS = {
  compileNs: 'ns',
  instantiateNs: 'ns',
  executeNs: 'ns',
  iterNs: 'ns',
  firstIterNs: 'ns',
  // The iterations after the first of each process: the crossover view's steady state.
  steadyIterNs: 'ns',
  // Between a Sightglass module's bench.start and bench.end (host stamps or the rewritten module's @wb lines).
  benchNs: 'ns',
} as const;

export function startupGuestMetrics(guest: GuestOutput): SampleMetrics {
  const metrics: SampleMetrics = {};
  for (const [key, metric] of Object.entries(PHASE_METRICS)) {
    const [value] = numbers(guest, key);
    if (value !== undefined) metrics[metric] = value;
  }
  const [benchStart] = numbers(guest, 'bench_start_ns');
  const [benchEnd] = numbers(guest, 'bench_end_ns');
  if (benchStart !== undefined && benchEnd !== undefined) metrics.benchNs = benchEnd - benchStart;
  const iterations = numbers(guest, 'iter_ns');
  if (iterations.length) {
    metrics.iterNs = iterations;
    metrics.firstIterNs = iterations[0];
    if (iterations.length > 1) metrics.steadyIterNs = iterations.slice(1);
  }
  return metrics;
}

async function loadStartupFixtures(names: string[]): Promise<Fixture[]> {
  const fixtures: Fixture[] = [];
  for (const name of names) {
    const fixture = await loadFixture(name).catch((err: Error) => {
      throw new UsageError(
        `startup fixture: ${err.message}`,
        'set startup.fixtures in bench.config.ts to existing fixtures/wasm names',
      );
    });
    await assertValidWasm(fixture.wasmPath);
    fixtures.push(fixture);
  }
  return fixtures;
}

function casesFor(ctx: SuiteContext, workloads: Workload[]): PlannedCase[] {
  const entries = planMatrix(ctx.config, ctx.runtimes, {
    workloads,
    modes: 'all',
    cacheStates: 'all',
    unsupported: workloadSkipReason,
  });
  return entries.map((entry) => {
    if (entry.kind === 'skip')
      return skippedCase('startup', entry.handle, entry.reason, skipIdParts('startup', entry.handle, entry.reason));
    const { handle, mode, cacheState, workload } = entry;
    return guestCase(ctx, {
      suite: 'startup',
      adapter: handle.adapter,
      runtime: handle.detection,
      mode,
      cacheState,
      fixture: workloadFixture(workload),
      workload,
      args: workload.args,
      expectedStdout: workload.expectedStdout,
      params: { args: workload.args, kind: workload.fixture?.kind ?? 'workload' },
      units: { ...STARTUP_UNITS },
      histogramMetrics: ['wallNs'],
      guestMetrics: startupGuestMetrics,
      variant: modeVariant(handle.detection.modes, mode),
    });
  });
}

export const startupSuite: Suite = {
  id: 'startup',
  description: 'cold start, time to first output and main entry, compile/instantiate/execute phases, cache states',
  async plan(ctx) {
    // The user's own modules replace the fixtures; they were checked before the run started.
    if (ctx.workloads) return [...casesFor(ctx, ctx.workloads.workloads), ...refusedCases(ctx, ctx.workloads.refused)];
    const fixtures = await loadStartupFixtures(ctx.config.startup.fixtures);
    return [...casesFor(ctx, fixtures.map(fixtureWorkload)), ...callCases(ctx, fixtures)];
  },
  analyze(cases) {
    return [...crossoverAnalyses(cases), ...compilePaybackAnalyses(cases)];
  },
};
