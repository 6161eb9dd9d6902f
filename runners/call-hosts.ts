/**
 * In-process hosts for the embedding view (metric callNs): runtimes whose
 * engine can be embedded get an adapter whose sample is "instantiate once,
 * warm up, time N calls to one export" instead of "run the command".
 * Node: runners/hosts/node-call-host.mjs (tinybench); Wasmtime through its
 * Python bindings: runners/hosts/wasmtime_host.py --call (a timed loop).
 * A runtime driven through its CLI has no in-process host, so no callNs.
 */
import { fileURLToPath } from 'node:url';
import type { AvailableRuntime, PreparedCase, RunSpec, RuntimeAdapter, SampleCommand } from './types.ts';
import { embedCallArgv } from './wasmtime-embed.ts';

export const NODE_CALL_HOST = fileURLToPath(new URL('./hosts/node-call-host.mjs', import.meta.url));

/** Which export to call, with what, and how often. */
export interface CallSpec {
  name: string;
  args: number[];
  /** The value the export must return (the native build's answer). */
  expect: number;
  /** Timed calls per process. @default 2000 (see suites/startup/call-cases.ts) */
  calls: number;
  /** Untimed calls first, so the tier under test is the one that is hot. */
  warmupCalls: number;
}

type ArgvBuilder = (runtime: AvailableRuntime, tierFlags: string[], wasmPath: string, call: CallSpec) => string[];

function nodeCallArgv(runtime: AvailableRuntime, tierFlags: string[], wasmPath: string, call: CallSpec): string[] {
  return [
    runtime.path, '--no-warnings', ...tierFlags, NODE_CALL_HOST, wasmPath, '--call', call.name,
    ...call.args.flatMap((a) => ['--arg', String(a)]), '--expect', String(call.expect),
    '--calls', String(call.calls), '--warmup-calls', String(call.warmupCalls),
  ];
}

const BUILDERS: { id: string; host: AvailableRuntime['host']; argv: ArgvBuilder; timing: string }[] = [
  { id: 'node', host: 'embed-node', argv: nodeCallArgv, timing: 'tinybench 6 (hrtimeNow, one call per sample, no overhead subtraction)' },
  {
    id: 'wasmtime', host: 'embed-python', timing: 'time.perf_counter_ns() around each call in a Python loop',
    argv: (runtime, flags, wasm, call) => embedCallArgv(runtime.path, flags, wasm, call),
  },
];

/** How callNs is timed on this runtime, or null when it has no in-process host. */
export function callTiming(runtime: AvailableRuntime): string | null {
  return BUILDERS.find((b) => b.id === runtime.id && b.host === runtime.host)?.timing ?? null;
}

/** An adapter whose samples time calls to `call.name`, or null when the runtime has no in-process host. */
export function callAdapter(base: RuntimeAdapter, runtime: AvailableRuntime, call: CallSpec): RuntimeAdapter | null {
  const builder = BUILDERS.find((b) => b.id === runtime.id && b.host === runtime.host);
  if (!builder) return null;
  return {
    id: base.id,
    displayName: `${base.displayName}: host-to-guest calls`,
    detect: () => base.detect(),
    async prepare(_runtime: AvailableRuntime, spec: RunSpec): Promise<PreparedCase> {
      return { artifactPath: spec.fixture.wasmPath, notes: [`callNs timed with ${builder.timing}`] };
    },
    command(rt: AvailableRuntime, spec: RunSpec, prepared: PreparedCase): SampleCommand {
      const flags = rt.modes.find((m) => m.mode === spec.mode)?.flags ?? [];
      return { argv: builder.argv(rt, flags, prepared.artifactPath, call), env: spec.env };
    },
  };
}
