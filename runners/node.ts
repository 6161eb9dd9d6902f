/**
 * Node's WebAssembly (V8), the embedded default. Each sample is a fresh
 * `node` process running runners/hosts/node-wasi-host.mjs, which reports
 * compile / instantiate / execute phases.
 */
import { fileURLToPath } from 'node:url';
import type {
  AvailableRuntime,
  CallHost,
  Detection,
  ModeSupport,
  PreparedCase,
  RunSpec,
  RuntimeAdapter,
  SampleCommand,
} from './types.ts';
import { WHOLE_STDERR } from './types.ts';

export const NODE_HOST_SCRIPT = fileURLToPath(new URL('./hosts/node-wasi-host.mjs', import.meta.url));
export const NODE_CALL_HOST = fileURLToPath(new URL('./hosts/node-call-host.mjs', import.meta.url));

/** tinybench in a fresh node: instantiate once, warm up, time calls to one export. */
const nodeCallHost: CallHost = {
  timing: 'tinybench 6 (hrtimeNow, one call per sample, no overhead subtraction)',
  command(runtime, tierFlags, wasmPath, call) {
    return {
      argv: [
        runtime.path,
        '--no-warnings',
        ...tierFlags,
        NODE_CALL_HOST,
        wasmPath,
        '--call',
        call.name,
        ...call.args.flatMap((a) => ['--arg', String(a)]),
        '--expect',
        String(call.expect),
        '--calls',
        String(call.calls),
        '--warmup-calls',
        String(call.warmupCalls),
      ],
    };
  },
};

/** V8's tiers under the shared taxonomy. V8 keeps no wasm code cache across processes, so only `cold` exists. */
export const NODE_MODES: ModeSupport[] = [
  { mode: 'tiered', modeName: 'liftoff+turbofan', flags: [], cacheStates: ['cold'] },
  { mode: 'baseline', modeName: 'liftoff', flags: ['--liftoff-only'], cacheStates: ['cold'] },
  { mode: 'optimizing', modeName: 'turbofan', flags: ['--no-liftoff'], cacheStates: ['cold'] },
];

export const nodeAdapter: RuntimeAdapter = {
  id: 'node',
  displayName: 'Node.js WebAssembly (V8)',
  async detect(): Promise<Detection> {
    return {
      available: true,
      id: 'node',
      host: 'embed-node',
      path: process.execPath,
      version: `${process.version.replace(/^v/, '')} (V8 ${process.versions.v8})`,
      arch: process.arch,
      modes: NODE_MODES,
      notes: [
        'V8 compiles wasm lazily by default (--wasm-lazy-compilation): compileNs covers decoding and validation; functions are compiled on first call, inside executeNs.',
        'the runtime is the node binary running wasmbench itself',
      ],
    };
  },
  async prepare(_runtime: AvailableRuntime, spec: RunSpec): Promise<PreparedCase> {
    return { artifactPath: spec.fixture.wasmPath, notes: [] };
  },
  command(runtime: AvailableRuntime, spec: RunSpec, prepared: PreparedCase): SampleCommand {
    const flags = runtime.modes.find((m) => m.mode === spec.mode)?.flags ?? [];
    const workload = spec.workload;
    const guest = workload
      ? [
          ...workload.dirs.flatMap((d) => ['--dir', `${d.host}::${d.guest}`]),
          ...Object.entries(workload.env).flatMap(([k, v]) => ['--env', `${k}=${v}`]),
        ]
      : [];
    return {
      argv: [runtime.path, '--no-warnings', ...flags, NODE_HOST_SCRIPT, ...guest, prepared.artifactPath, ...spec.args],
      env: spec.env,
    };
  },
  guestOptions: () => ({ passes: true, readWriteOnly: 'node:wasi has no read-only preopen' }),
  callHost: () => nodeCallHost,
  // Seen (Node 20, 2026-12-02): on a run that exits 0 the host writes nothing to stderr (--no-warnings): it is the guest's.
  guestStderr: () => WHOLE_STDERR,
  sleepNotes: {
    mechanism:
      'node:wasi is uvwasi: poll_oneoff on a clock subscription converts the timeout to whole milliseconds for uv_run/epoll',
    roundsToMs: true,
    source: 'uvwasi src/poll_oneoff.c (timeout computed in ms); RUNTIME-CLIS.md',
    absoluteUnsupported:
      "node:wasi is uvwasi, which converts an absolute deadline with CLOCK_REALTIME whatever the subscription's clock, so a CLOCK_MONOTONIC deadline never arrives: the guest hangs until the sample times out (seen: Node v20.20.2 on x86_64, 2026-12-02, every tier; uvwasi src/uvwasi.c uvwasi_poll_oneoff)",
  },
};
