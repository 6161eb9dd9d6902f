/**
 * The guest cases: for every available runtime x mode, one case per sleep
 * variant, each sample a fresh guest process doing all its wakeups.
 */
import type { ResolvedConfig } from '../../core/config/types.ts';
import type { Fixture } from '../../fixtures/manifest.ts';
import type { ModeSupport } from '../../runners/types.ts';
import { guestCase, skippedCase } from '../guest-case.ts';
import type { PlannedCase, RuntimeHandle, SuiteContext } from '../types.ts';
import { withCpuLoad } from './load.ts';
import { HISTOGRAM_NOTE, SLEEP_HISTOGRAM_METRICS, SLEEP_UNITS, sleepGuestMetrics } from './metrics.ts';
import { expectedStdout, guestArgs, processTimeoutMs, variantParams, type ResolvedSleepJitter, type SleepVariant } from './options.ts';

/** Rough process start-up per host, for the run estimate only. */
const STARTUP_ESTIMATE_MS: Record<string, number> = { native: 5, 'embed-node': 150, 'embed-python': 1500, cli: 100 };

/** One cache state per mode: the sleep loop does not depend on it, and cold needs no preparation. */
function cacheStateFor(mode: ModeSupport, config: ResolvedConfig) {
  const allowed = mode.cacheStates.filter((s) => !config.cacheStates || config.cacheStates.includes(s));
  return allowed.includes('cold') ? 'cold' : allowed[0];
}

function variantCase(ctx: SuiteContext, handle: RuntimeHandle, mode: ModeSupport, fixture: Fixture, variant: SleepVariant, options: ResolvedSleepJitter, governing: Record<string, unknown>): PlannedCase | null {
  const { adapter, detection } = handle;
  if (!detection.available) return null;
  const cacheState = cacheStateFor(mode, ctx.config);
  if (!cacheState) return null;
  const timeoutMs = processTimeoutMs(variant.intervalNs, options.wakeups, ctx.config.timeoutMs);
  // The loop's samples are processes; the harness's warmups do not apply (every wakeup is recorded, as in the original test).
  const caseCtx: SuiteContext = { ...ctx, config: { ...ctx.config, iterations: options.processes, warmups: 0, timeoutMs } };
  const planned = guestCase(caseCtx, {
    suite: 'sleep-jitter', adapter, runtime: detection, mode, cacheState,
    fixture: { ...fixture, timeoutMs }, args: guestArgs(variant, options.wakeups),
    expectedStdout: expectedStdout(variant, options.wakeups),
    params: {
      ...variantParams(variant, options),
      governing: { ...governing, sleepNotes: adapter.sleepNotes ?? { mechanism: 'unknown', roundsToMs: 'unknown', source: `runners/${adapter.id}.ts has no sleepNotes` } },
      notes: [HISTOGRAM_NOTE, `per-process timeout ${timeoutMs} ms`],
    },
    units: SLEEP_UNITS, histogramMetrics: SLEEP_HISTOGRAM_METRICS,
    guestMetrics: sleepGuestMetrics, variant: variant.id,
  });
  planned.loopCase = withCpuLoad(planned.loopCase, options.loadWorkers);
  planned.estimateSampleMs = (variant.intervalNs * options.wakeups) / 1e6 + (STARTUP_ESTIMATE_MS[detection.host] ?? 200);
  return planned;
}

export function runtimeCases(ctx: SuiteContext, handle: RuntimeHandle, fixture: Fixture, variants: SleepVariant[], options: ResolvedSleepJitter, governing: Record<string, unknown>): PlannedCase[] {
  const { detection } = handle;
  if (!detection.available) return [skippedCase(ctx, 'sleep-jitter', handle, `skipped: not installed: ${detection.reason}; ${detection.install}`)];
  const cases: PlannedCase[] = [];
  for (const mode of detection.modes) {
    if (ctx.config.modes && !ctx.config.modes.includes(mode.mode)) continue;
    for (const variant of variants) {
      const planned = variantCase(ctx, handle, mode, fixture, variant, options, governing);
      if (planned) cases.push(planned);
    }
  }
  if (cases.length === 0) return [skippedCase(ctx, 'sleep-jitter', handle, `skipped: none of the selected modes/cache states is supported by ${detection.id} (it has ${detection.modes.map((m) => m.mode).join(', ')})`)];
  return cases;
}
