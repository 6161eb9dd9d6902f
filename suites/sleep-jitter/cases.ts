/**
 * The guest cases: for every available runtime x mode, one case per sleep
 * variant, each sample a fresh guest process doing all its wakeups.
 */
import { planMatrix, type PlanCell } from '../../core/plan/matrix.ts';
import type { Fixture } from '../../core/workloads/manifest.ts';
import type { CacheState } from '../../runners/types.ts';
import { guestCase, skippedCase } from '../guest-case.ts';
import type { PlannedCase, SuiteContext } from '../types.ts';
import { withCpuLoad } from './load.ts';
import { HISTOGRAM_NOTE, SLEEP_HISTOGRAM_METRICS, SLEEP_UNITS, sleepGuestMetrics } from './metrics.ts';
import {
  expectedStdout,
  guestArgs,
  processTimeoutMs,
  variantParams,
  type ResolvedSleepJitter,
  type SleepVariant,
} from './options.ts';

/** Rough process start-up per host, for the run estimate only. */
const STARTUP_ESTIMATE_MS: Record<string, number> = { native: 5, 'embed-node': 150, 'embed-python': 1500, cli: 100 };

/** One cache state per mode: the sleep loop does not depend on it, and cold needs no preparation. */
function cacheStateFor(allowed: CacheState[]): CacheState | undefined {
  return allowed.includes('cold') ? 'cold' : allowed[0];
}

function variantCase(
  ctx: SuiteContext,
  cell: PlanCell<Fixture, SleepVariant>,
  options: ResolvedSleepJitter,
  governing: Record<string, unknown>,
): PlannedCase {
  const {
    handle: { adapter, detection },
    mode,
    cacheState,
    workload: fixture,
    params: variant,
  } = cell;
  const timeoutMs = processTimeoutMs(variant.intervalNs, options.wakeups, ctx.config.timeoutMs);
  // The loop's samples are processes; the harness's warmups do not apply (every wakeup is recorded, as in the original test).
  const caseCtx: SuiteContext = {
    ...ctx,
    config: { ...ctx.config, iterations: options.processes, warmups: 0, timeoutMs },
  };
  const planned = guestCase(caseCtx, {
    suite: 'sleep-jitter',
    adapter,
    runtime: detection,
    mode,
    cacheState,
    fixture: { ...fixture, timeoutMs },
    args: guestArgs(variant, options.wakeups),
    expectedStdout: expectedStdout(variant, options.wakeups),
    params: {
      ...variantParams(variant, options),
      governing: {
        ...governing,
        sleepNotes: adapter.sleepNotes ?? {
          mechanism: 'unknown',
          roundsToMs: 'unknown',
          source: `runners/${adapter.id}.ts has no sleepNotes`,
        },
      },
      notes: [HISTOGRAM_NOTE, `per-process timeout ${timeoutMs} ms`],
    },
    units: SLEEP_UNITS,
    histogramMetrics: SLEEP_HISTOGRAM_METRICS,
    guestMetrics: sleepGuestMetrics,
    variant: variant.id,
  });
  planned.loopCase = withCpuLoad(planned.loopCase, options.loadWorkers);
  planned.estimateSampleMs =
    (variant.intervalNs * options.wakeups) / 1e6 + (STARTUP_ESTIMATE_MS[detection.host] ?? 200);
  return planned;
}

/** A runtime that cannot sleep to an absolute deadline (its adapter says why): the variant is skipped, not run into an error or a timeout. */
function absoluteUnsupportedCase(
  cell: PlanCell<Fixture, SleepVariant>,
  options: ResolvedSleepJitter,
): PlannedCase | null {
  const { handle, mode, cacheState, workload: fixture, params: variant } = cell;
  const why = handle.adapter.sleepNotes?.absoluteUnsupported;
  if (variant.deadline !== 'absolute' || !why) return null;
  const skip = {
    kind: 'workload-unsupported' as const,
    runtime: handle.detection.id,
    mode: mode.mode,
    modeName: mode.modeName,
    cacheState,
    workload: `${fixture.name} with absolute deadlines`,
    detail: why,
  };
  const planned = skippedCase('sleep-jitter', handle, skip, [
    'sleep-jitter',
    handle.detection.id,
    mode.mode,
    cacheState,
    fixture.name,
    variant.id,
  ]);
  planned.header.fixture = fixture.name;
  planned.header.params = variantParams(variant, options);
  return planned;
}

/** Every available runtime x mode x sleep variant, and the runtimes and tiers that cannot run, as skipped cases. */
export function runtimeCases(
  ctx: SuiteContext,
  fixture: Fixture,
  variants: SleepVariant[],
  options: ResolvedSleepJitter,
  governing: Record<string, unknown>,
): PlannedCase[] {
  const entries = planMatrix(ctx.config, ctx.runtimes, {
    workloads: [fixture],
    params: variants,
    modes: 'all',
    cacheStates: cacheStateFor,
  });
  return entries.map((entry) =>
    entry.kind === 'skip'
      ? skippedCase('sleep-jitter', entry.handle, entry.reason)
      : (absoluteUnsupportedCase(entry, options) ?? variantCase(ctx, entry, options, governing)),
  );
}
