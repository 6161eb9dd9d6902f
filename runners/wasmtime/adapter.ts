/**
 * Wasmtime: the `wasmtime` CLI when it is on PATH (or named by
 * $WASMBENCH_WASMTIME), else the real engine through its official Python
 * bindings and runners/hosts/wasmtime_host.py. $WASMBENCH_WASMTIME_HOST=cli
 * or embed-python forces one. Tiers: interpreter = Pulley, baseline =
 * Winch, optimizing = Cranelift; cache states cold / warm / precompiled, all
 * in private directories under the case's workDir.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { FIXTURES_ROOT } from '../../core/workloads/manifest.ts';
import { findExecutable } from '../which.ts';
import { describeFailure, probe, runUntimed } from '../cli/probe.ts';
import { TierLog } from '../mode-notes.ts';
import { modeOf } from '../modes.ts';
import type {
  AvailableRuntime,
  CallHost,
  Detection,
  ModeSupport,
  PreparedCase,
  RunSpec,
  RuntimeAdapter,
  SampleCommand,
} from '../types.ts';
import { untimedGuestRun } from '../types.ts';
import {
  cacheConfigToml,
  cliCompileArgv,
  cliRunArgv,
  cliTierFlags,
  parseWasmtimeVersion,
  WASMTIME_TIER_NAMES,
  type WasmtimeVersion,
} from './cli.ts';
import {
  ALL_CACHE_STATES,
  detectEmbed,
  EMBED_INSTALL,
  embedCallArgv,
  embedCompileArgv,
  embedRunArgv,
} from './embed.ts';
import { casePaths, emptyCache, ensureArtifact, sha256File, writeCacheConfig } from './cache.ts';
import { makeWorkDir } from '../../core/temp-dirs.ts';
import { WHOLE_STDERR } from '../types.ts';

/** Untimed wasmtime runs get 5 minutes (they did before runUntimed was shared). */
const UNTIMED = (cwd: string) => ({ cwd, timeoutMs: 300_000 });
const PROBE_WASM = join(FIXTURES_ROOT, 'noop', 'noop.wasm');

function versionOf(runtime: AvailableRuntime): WasmtimeVersion {
  const parsed = parseWasmtimeVersion(runtime.version);
  if (!parsed) throw new Error(`cannot parse the wasmtime version "${runtime.version}"`);
  return parsed;
}

/** Try one tier on the CLI with a tiny module: a build without it fails, and the mode is skipped. */
async function cliTierWorks(wasmtime: string, version: WasmtimeVersion, flags: string[]): Promise<string | null> {
  const dir = await makeWorkDir('wasmtime-probe');
  try {
    const argv = cliRunArgv({
      wasmtime,
      version,
      tierFlags: flags,
      cacheState: 'cold',
      cacheConfig: '',
      modulePath: PROBE_WASM,
      args: [],
    });
    // An empty cacheConfig turns the cache off (`-C cache=n`): a probe touches no cache.
    const result = await probe(argv, { cwd: dir, timeoutMs: 60_000 });
    if (result.ok) return null;
    return result.stderr.trim().split('\n')[0] || describeFailure(result);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function detectCli(wasmtime: string): Promise<Detection> {
  const base = { id: 'wasmtime', host: 'cli' as const, arch: process.arch, path: wasmtime };
  const probed = await probe([wasmtime, '--version'], { timeoutMs: 30_000 });
  if (!probed.ok) {
    return {
      ...base,
      available: false,
      problem: 'broken',
      reason: `${wasmtime} --version failed: ${describeFailure(probed)}`,
      install: 'reinstall wasmtime (https://wasmtime.dev) or remove it from PATH',
    };
  }
  const output = probed.stdout;
  const version = parseWasmtimeVersion(output);
  if (!version)
    return {
      ...base,
      available: false,
      reason: `cannot find a version in \`${wasmtime} --version\` output: ${JSON.stringify(output.slice(0, 100))}`,
      install: 'reinstall wasmtime (https://wasmtime.dev)',
    };
  const modes: ModeSupport[] = [];
  const log = new TierLog([`raw version: ${output.trim().split('\n')[0]}`]);
  for (const mode of ['interpreter', 'baseline', 'optimizing'] as const) {
    const flags = cliTierFlags(mode, version);
    const failure = flags
      ? await cliTierWorks(wasmtime, version, flags)
      : `wasmtime ${version.text} has no ${WASMTIME_TIER_NAMES[mode]} flag`;
    if (flags && failure === null)
      modes.push({ mode, modeName: WASMTIME_TIER_NAMES[mode]!, flags, cacheStates: [...ALL_CACHE_STATES] });
    else log.lacks(mode, WASMTIME_TIER_NAMES[mode]!, failure ?? 'unknown');
  }
  if (modes.length === 0)
    return {
      ...base,
      available: false,
      version: version.text,
      reason: `wasmtime ${version.text} could not run a module in any tier: ${log.notes.slice(1).join('; ')}`,
      install: 'reinstall wasmtime (https://wasmtime.dev)',
    };
  return { ...base, available: true, version: version.text, modes, notes: log.notes, unsupportedModes: log.lacking };
}

async function detectPython(cliNote: string | null): Promise<Detection> {
  const found = await detectEmbed();
  const base = { id: 'wasmtime', host: 'embed-python' as const, arch: process.arch };
  if (!found.ok)
    return {
      ...base,
      available: false,
      path: found.python,
      problem: cliNote ? 'broken' : 'not-installed',
      reason: cliNote ? `${cliNote}; ${found.reason}` : found.reason,
      install: EMBED_INSTALL,
    };
  return {
    ...base,
    available: true,
    path: found.python,
    version: found.probe.version,
    modes: found.modes,
    notes: [
      `engine: wasmtime ${found.probe.version} through the official Python bindings (Python ${found.probe.python}), host runners/hosts/wasmtime_host.py`,
      'wallNs includes starting Python and loading libwasmtime; compileNs / instantiateNs / executeNs are timed inside the host',
      ...(cliNote ? [cliNote] : []),
      ...found.skipped,
    ],
    unsupportedModes: found.lacking,
  };
}

function tierFlags(runtime: AvailableRuntime, spec: RunSpec): string[] {
  return modeOf(runtime, spec.mode).flags;
}

/** A workload's extra preopens and guest env, in the syntax both hosts share. */
function guestFlags(runtime: AvailableRuntime, spec: RunSpec): string[] {
  const w = spec.workload;
  if (!w) return [];
  // The CLI's --dir has no read-only form before wasmtime 28 (then `--dir` plus -S options); the Python host takes ::rw.
  const dirs = w.dirs.flatMap((d) => [
    '--dir',
    `${d.host}::${d.guest}${d.writable && runtime.host !== 'cli' ? '::rw' : ''}`,
  ]);
  return [...dirs, ...Object.entries(w.env).flatMap(([k, v]) => ['--env', `${k}=${v}`])];
}

function sampleArgv(runtime: AvailableRuntime, spec: RunSpec, modulePath: string): string[] {
  const paths = casePaths(spec.workDir, spec.fixture.name);
  const common = {
    tierFlags: tierFlags(runtime, spec),
    cacheState: spec.cacheState,
    cacheConfig: paths.cacheConfig,
    modulePath,
    args: spec.args,
    guestFlags: guestFlags(runtime, spec),
  };
  if (runtime.host === 'cli') return cliRunArgv({ wasmtime: runtime.path, version: versionOf(runtime), ...common });
  return embedRunArgv({ python: runtime.path, ...common });
}

const pythonCallHost: CallHost = {
  timing: 'time.perf_counter_ns() around each call in a Python loop',
  command: (runtime, tierFlags, wasmPath, call) => ({ argv: embedCallArgv(runtime.path, tierFlags, wasmPath, call) }),
};

export const wasmtimeAdapter: RuntimeAdapter = {
  id: 'wasmtime',
  displayName: 'Wasmtime (CLI, or the engine through its Python bindings)',
  async detect(): Promise<Detection> {
    const force = process.env.WASMBENCH_WASMTIME_HOST;
    if (force === 'embed-python') return detectPython(null);
    const wasmtime = await findExecutable([process.env.WASMBENCH_WASMTIME, 'wasmtime']);
    if (!wasmtime && force === 'cli') {
      return {
        available: false,
        id: 'wasmtime',
        host: 'cli',
        arch: process.arch,
        reason: 'WASMBENCH_WASMTIME_HOST=cli but no wasmtime on PATH (or $WASMBENCH_WASMTIME)',
        install: 'install the wasmtime CLI (https://wasmtime.dev), or unset WASMBENCH_WASMTIME_HOST',
      };
    }
    if (!wasmtime) return detectPython(null);
    const cli = await detectCli(wasmtime);
    if (cli.available || force === 'cli') return cli;
    // A broken CLI is reported, and the embedding is used when it works.
    return detectPython(`wasmtime CLI at ${wasmtime} unusable: ${cli.reason}`);
  },
  async prepare(runtime: AvailableRuntime, spec: RunSpec): Promise<PreparedCase> {
    const paths = casePaths(spec.workDir, spec.fixture.name);
    const version = parseWasmtimeVersion(runtime.version);
    await writeCacheConfig(paths, cacheConfigToml(paths.cacheDir, version));
    if (spec.cacheState === 'warm') {
      // The untimed run is a real guest run: it needs the workload's cwd and stdin (its inputs).
      await runUntimed(sampleArgv(runtime, spec, spec.fixture.wasmPath), 'populating the warm cache', {
        ...UNTIMED(spec.workDir),
        ...untimedGuestRun(spec),
      });
      return { artifactPath: spec.fixture.wasmPath, notes: ['private cache populated by one untimed run'] };
    }
    if (spec.cacheState !== 'precompiled')
      return { artifactPath: spec.fixture.wasmPath, notes: ['private cache emptied before every sample'] };
    const flags = tierFlags(runtime, spec);
    const stamp = {
      host: runtime.host,
      engineVersion: runtime.version,
      flags,
      wasmSha256: await sha256File(spec.fixture.wasmPath),
    };
    const outcome = await ensureArtifact(paths, stamp, () =>
      runUntimed(
        runtime.host === 'cli'
          ? cliCompileArgv(runtime.path, versionOf(runtime), flags, spec.fixture.wasmPath, paths.artifact)
          : embedCompileArgv(runtime.path, flags, spec.fixture.wasmPath, paths.artifact),
        'precompiling',
        UNTIMED(spec.workDir),
      ),
    );
    return { artifactPath: paths.artifact, artifactBytes: outcome.bytes, notes: [outcome.note] };
  },
  precompileCommand(runtime, spec, outDir) {
    const out = join(outDir, `${spec.fixture.name}.cwasm`);
    const flags = tierFlags(runtime, spec);
    const argv =
      runtime.host === 'cli'
        ? cliCompileArgv(runtime.path, versionOf(runtime), flags, spec.fixture.wasmPath, out)
        : embedCompileArgv(runtime.path, flags, spec.fixture.wasmPath, out); // Module.serialize() in the Python host
    return { argv, cwd: spec.workDir, artifactPath: out };
  },
  async reset(_runtime: AvailableRuntime, spec: RunSpec): Promise<void> {
    if (spec.cacheState === 'cold') await emptyCache(spec.workDir, casePaths(spec.workDir, spec.fixture.name));
  },
  command(runtime: AvailableRuntime, spec: RunSpec, prepared: PreparedCase): SampleCommand {
    return { argv: sampleArgv(runtime, spec, prepared.artifactPath), env: spec.env, cwd: spec.workDir };
  },
  // Only the embedding has an in-process host; the CLI runs whole commands.
  guestOptions: (runtime) =>
    runtime.host === 'cli'
      ? {
          passes: true,
          readWriteOnly: "the wasmtime CLI's --dir preopens read-write (wasmbench passes no read-only form to it yet)",
        }
      : { passes: true },
  callHost: (runtime) => (runtime.host === 'embed-python' ? pythonCallHost : null),
  // Seen (Python bindings, engine 49, 2026-12-02): the host adds nothing to the guest's stderr on a run that exits 0.
  guestStderr: (runtime) =>
    runtime.host === 'cli'
      ? {
          unchecked:
            "the wasmtime CLI was not available to see whether it writes lines of its own to stderr on a successful run, so the guest's cannot be told apart",
        }
      : WHOLE_STDERR,
  sleepNotes: {
    mechanism:
      'CLI, wasmtime >= 21: std::thread::sleep for a single relative clock subscription when no -W timeout is set, else a tokio timer (ms granularity). Python embedding (engine 49), measured here: relative sleeps round UP to whole milliseconds, never early; a zero-length sleep returns at once',
    roundsToMs: 'unknown',
    source:
      "shared/design/RUNTIME-CLIS.md (wasmtime-wasi poll_oneoff) for the CLI; the embed-python figure from this repo's sleep-jitter suite, 2026-11-21 (docs/sleep-jitter.md)",
  },
};
