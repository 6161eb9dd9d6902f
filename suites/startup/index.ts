/**
 * The startup suite: for each runtime x mode x cache state x fixture, a
 * fresh process per sample. Records spawn-to-exit, spawn-to-first-output,
 * spawn-to-main-entry, per-child CPU and peak RSS, the host's phases where
 * it reports them, and in-guest iteration times for compute fixtures.
 */
import { UsageError } from '../../core/errors.ts';
import { numbers, type GuestOutput } from '../../core/protocol.ts';
import type { SampleMetrics } from '../../core/events.ts';
import { assertValidWasm, loadFixture, type Fixture } from '../../fixtures/manifest.ts';
import { guestCase, skippedCase } from '../guest-case.ts';
import type { PlannedCase, RuntimeHandle, Suite, SuiteContext } from '../types.ts';
import { crossoverAnalyses } from './crossover.ts';
import { callCases } from './call-cases.ts';

/** Protocol keys a host or guest may print, and the metric each becomes. */
const PHASE_METRICS: Record<string, string> = {
  compile_ns: 'compileNs',
  instantiate_ns: 'instantiateNs',
  execute_ns: 'executeNs',
};

export const STARTUP_UNITS = {
  compileNs: 'ns', instantiateNs: 'ns', executeNs: 'ns', iterNs: 'ns', firstIterNs: 'ns',
  // The iterations after the first of each process: the crossover view's steady state.
  steadyIterNs: 'ns',
} as const;

export function startupGuestMetrics(guest: GuestOutput): SampleMetrics {
  const metrics: SampleMetrics = {};
  for (const [key, metric] of Object.entries(PHASE_METRICS)) {
    const [value] = numbers(guest, key);
    if (value !== undefined) metrics[metric] = value;
  }
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
      throw new UsageError(`startup fixture: ${err.message}`, 'set startup.fixtures in bench.config.ts to existing fixtures/wasm names');
    });
    await assertValidWasm(fixture.wasmPath);
    fixtures.push(fixture);
  }
  return fixtures;
}

function casesFor(ctx: SuiteContext, handle: RuntimeHandle, fixtures: Fixture[]): PlannedCase[] {
  const { detection, adapter } = handle;
  if (!detection.available) return [skippedCase(ctx, 'startup', handle, `skipped: not installed: ${detection.reason}; ${detection.install}`)];
  const cases: PlannedCase[] = [];
  for (const mode of detection.modes) {
    if (ctx.config.modes && !ctx.config.modes.includes(mode.mode)) continue;
    for (const cacheState of mode.cacheStates) {
      if (ctx.config.cacheStates && !ctx.config.cacheStates.includes(cacheState)) continue;
      for (const fixture of fixtures) {
        cases.push(guestCase(ctx, {
          suite: 'startup', adapter, runtime: detection, mode, cacheState, fixture,
          args: fixture.defaultArgs, expectedStdout: fixture.expectedStdout,
          params: { args: fixture.defaultArgs, kind: fixture.kind },
          units: { ...STARTUP_UNITS }, histogramMetrics: ['wallNs'],
          guestMetrics: startupGuestMetrics,
        }));
      }
    }
  }
  for (const lacking of detection.unsupportedModes ?? []) {
    if (ctx.config.modes && !ctx.config.modes.includes(lacking.mode)) continue;
    cases.push(skippedCase(ctx, 'startup', handle, `skipped: this ${detection.id} build lacks ${lacking.modeName}: ${lacking.reason}`, { mode: lacking.mode, modeName: lacking.modeName }));
  }
  if (cases.length === 0) return [skippedCase(ctx, 'startup', handle, `skipped: none of the selected modes/cache states is supported by ${detection.id} (it has ${detection.modes.map((m) => m.mode).join(', ')})`)];
  return cases;
}

export const startupSuite: Suite = {
  id: 'startup',
  description: 'cold start, time to first output and main entry, compile/instantiate/execute phases, cache states',
  async plan(ctx) {
    const fixtures = await loadStartupFixtures(ctx.config.startup.fixtures);
    return [...ctx.runtimes.flatMap((handle) => casesFor(ctx, handle, fixtures)), ...callCases(ctx, fixtures)];
  },
  analyze(cases) {
    return crossoverAnalyses(cases);
  },
};
