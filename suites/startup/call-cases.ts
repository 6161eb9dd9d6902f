/**
 * The embedding view of the startup suite: for each runtime with an
 * in-process host (Node; Wasmtime through its Python bindings) and each of
 * its tiers, the latency of calling an exported guest function from the
 * host after warmup (metric callNs). The `call` fixture exports `wb_hash`;
 * its native build's output ("wb_hash(12345) = N") is the expected value.
 */
import { WasmbenchError } from '../../core/errors.ts';
import { numbers, type GuestOutput } from '../../core/protocol.ts';
import type { SampleMetrics } from '../../core/events.ts';
import type { Fixture } from '../../core/workloads/manifest.ts';
import { callAdapter, callTiming } from '../../runners/call-adapter.ts';
import type { CallSpec } from '../../runners/types.ts';
import { planMatrix } from '../../core/plan/matrix.ts';
import { guestCase } from '../guest-case.ts';
import { availableOnly, type PlannedCase, type SuiteContext } from '../types.ts';

export const CALL_FIXTURE = 'call';

/** Timed and warmup calls per process. @default 2000 timed, 500 warmup */
export const CALLS_PER_SAMPLE = { calls: 2000, warmupCalls: 500 } as const;

export const CALL_UNITS = {
  callNs: 'ns',
  callP50Ns: 'ns',
  callP99Ns: 'ns',
  callRmePpm: 'count',
  callTimerOverheadNs: 'ns',
} as const;

/** The export, argument and expected result from the fixture's expected output, or null. */
export function parseCallExpectation(expectedStdout: string): Omit<CallSpec, 'calls' | 'warmupCalls'> | null {
  const match = /^([A-Za-z_]\w*)\((-?\d+)\) = (-?\d+)$/m.exec(expectedStdout);
  if (!match) return null;
  return { name: match[1], args: [Number(match[2])], expect: Number(match[3]) };
}

/** Protocol lines of the call hosts -> metrics. */
export function callGuestMetrics(guest: GuestOutput): SampleMetrics {
  const metrics: SampleMetrics = {};
  const samples = numbers(guest, 'call_ns');
  if (samples.length) metrics.callNs = samples;
  const keys: [string, string][] = [
    ['call_p50_ns', 'callP50Ns'],
    ['call_p99_ns', 'callP99Ns'],
    ['call_rme_ppm', 'callRmePpm'],
    ['call_timer_overhead_ns', 'callTimerOverheadNs'],
  ];
  for (const [key, metric] of keys) {
    const [value] = numbers(guest, key);
    if (value !== undefined) metrics[metric] = value;
  }
  return metrics;
}

/** callNs cases for every runtime with an in-process host, when the `call` fixture is selected. */
export function callCases(ctx: SuiteContext, fixtures: Fixture[]): PlannedCase[] {
  const fixture = fixtures.find((f) => f.name === CALL_FIXTURE);
  if (!fixture) return [];
  const expectation = parseCallExpectation(fixture.expectedStdout);
  if (!expectation) {
    throw new WasmbenchError(
      `fixture "${CALL_FIXTURE}": ${fixture.expectedStdoutPath} has no "name(arg) = result" line`,
      undefined,
      `rebuild it with \`wasmbench fixtures build ${CALL_FIXTURE}\``,
    );
  }
  const call: CallSpec = { ...expectation, ...CALLS_PER_SAMPLE };
  const hosts = ctx.runtimes.filter(availableOnly).flatMap((handle) => {
    const adapter = callAdapter(handle.adapter, handle.detection, call);
    return adapter
      ? [{ adapter, detection: handle.detection, timing: callTiming(handle.adapter, handle.detection) }]
      : [];
  });
  // One process per sample, cache cold; runtimes and tiers that cannot run are already recorded by the process view.
  const coldSelected = !ctx.config.cacheStates || ctx.config.cacheStates.includes('cold');
  const entries = planMatrix(ctx.config, hosts, {
    workloads: [fixture],
    modes: 'all',
    cacheStates: () => (coldSelected ? 'cold' : undefined),
  });
  return entries.flatMap((entry) => {
    if (entry.kind === 'skip') return [];
    const { handle, mode } = entry;
    const timing = hosts.find((h) => h.adapter === handle.adapter)!.timing;
    return [
      guestCase(ctx, {
        suite: 'startup',
        adapter: handle.adapter,
        runtime: handle.detection,
        mode,
        cacheState: 'cold',
        fixture,
        args: [],
        // The hosts print only protocol lines; they check the result themselves.
        expectedStdout: '',
        variant: 'call',
        params: {
          view: 'call',
          kind: fixture.kind,
          function: call.name,
          args: call.args,
          calls: call.calls,
          warmupCalls: call.warmupCalls,
          timing,
        },
        units: { ...CALL_UNITS },
        histogramMetrics: ['callNs'],
        guestMetrics: callGuestMetrics,
      }),
    ];
  });
}
