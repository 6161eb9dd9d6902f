/**
 * The embedding view (metric callNs) as an adapter: for a runtime whose
 * adapter offers an in-process call host (see RuntimeAdapter.callHost), a
 * sample is "instantiate once, warm up, time N calls to one export" instead
 * of "run the command". Knows no concrete runtime.
 */
import type { AvailableRuntime, CallSpec, PreparedCase, RunSpec, RuntimeAdapter, SampleCommand } from './types.ts';

/** How callNs is timed on this runtime, or null when it has no in-process host. */
export function callTiming(base: RuntimeAdapter, runtime: AvailableRuntime): string | null {
  return base.callHost?.(runtime)?.timing ?? null;
}

/** An adapter whose samples time calls to `call.name`, or null when the runtime has no in-process host. */
export function callAdapter(base: RuntimeAdapter, runtime: AvailableRuntime, call: CallSpec): RuntimeAdapter | null {
  const host = base.callHost?.(runtime);
  if (!host) return null;
  return {
    id: base.id,
    displayName: `${base.displayName}: host-to-guest calls`,
    detect: () => base.detect(),
    async prepare(_runtime: AvailableRuntime, spec: RunSpec): Promise<PreparedCase> {
      return { artifactPath: spec.fixture.wasmPath, notes: [`callNs timed with ${host.timing}`] };
    },
    command(rt: AvailableRuntime, spec: RunSpec, prepared: PreparedCase): SampleCommand {
      const flags = rt.modes.find((m) => m.mode === spec.mode)?.flags ?? [];
      return { ...host.command(rt, flags, prepared.artifactPath, call), env: spec.env };
    },
  };
}
