/**
 * WasmEdge's CLI. Tiers are taken from the build's own `--help` and tried on
 * a tiny module first:
 * - interpreter: `--run-mode interpreter` where the build has `--run-mode`
 *   (valid values: interpreter, jit, aot, lazyjit), else
 *   `--force-interpreter`, else nothing (a plain .wasm is interpreted);
 * - optimizing: `--run-mode jit` (else the older, now deprecated
 *   `--enable-jit`) in builds with LLVM;
 * - aot: `wasmedge compile in.wasm out.so` (keyed by version and binary),
 *   run with `--run-mode aot` where the build has `--run-mode`.
 * A build without LLVM accepts `--run-mode jit` / `aot` and exits 0 after
 * "falling back to interpreter" (seen): that warning makes the probe fail,
 * so an interpreted run is never recorded as JIT or AOT. No compilation
 * cache: interpreter and JIT are cold only.
 *
 * Samples run with `--log-level error` where the build lists it (0.17 logs
 * to stdout); any log line that still arrives is kept out of the output
 * check and of firstOutputNs, and a fallback to the interpreter is caught
 * three ways: from the argv (wasmedge-output.ts), by one untimed run of the
 * exact command at the default log level in prepare(), and in every sample's
 * own log lines. Either way the case errors instead of recording the
 * interpreter under JIT or AOT.
 *
 * Checked against a real binary (2026-11-21, x86_64): WasmEdge git
 * 0.17.0-330-gd516c5d66 built without LLVM (so it reports
 * `0.0.0-unreleased`): `<argv0 path> version X` then plugin lines, coloured
 * `--help`, `--enable-jit` deprecated for `--run-mode=jit`, `wasmedge
 * compile` failing with "Compilation is not supported!". Not checked: a
 * build with LLVM (JIT and AOT), older releases.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureArtifact } from './cli/artifact.ts';
import { type CliIdentity, finishDetection, identifyCli } from './cli/detect.ts';
import { TierLog } from './mode-notes.ts';
import { modeOf } from './modes.ts';
import { describeFailure, helpHasFlag, probe, PROBE_WASM, stripAnsi } from './cli/probe.ts';
import type {
  AvailableRuntime,
  Detection,
  ModeSupport,
  PreparedCase,
  RunSpec,
  RuntimeAdapter,
  SampleCommand,
} from './types.ts';
import { assertTierArgv, inspectWasmedgeOutput, isWasmedgeLogLine } from './wasmedge-output.ts';
import { wasmedgeGuestFlags } from './cli/guest-options.ts';

/** What a build's --help offered, per binary path (filled by detect()). */
interface BuildTraits {
  /** `--log-level error` where the build has it (and a probe run accepted it); else empty. */
  logFlags: string[];
  hasRunMode: boolean;
}
const traits = new Map<string, BuildTraits>();

function traitsOf(runtime: AvailableRuntime): BuildTraits {
  // Not detected in this process: assume --run-mode where a mode uses it, and no log flag.
  return (
    traits.get(runtime.path) ?? { logFlags: [], hasRunMode: runtime.modes.some((m) => m.flags.includes('--run-mode')) }
  );
}

/** `--log-level error` when the build lists it and a run with it works. */
async function probeLogFlags(wasmedge: string, help: string): Promise<string[]> {
  if (!helpHasFlag(help, '--log-level')) return [];
  const flags = ['--log-level', 'error'];
  return (await tryTier(wasmedgeRunArgv(wasmedge, flags, PROBE_WASM, []))) === null ? flags : [];
}
import { makeWorkDir } from '../core/temp-dirs.ts';

export const WASMEDGE: CliIdentity = {
  id: 'wasmedge',
  envVar: 'WASMBENCH_WASMEDGE',
  names: ['wasmedge'],
  install:
    'install WasmEdge (https://wasmedge.org/docs/start/install; curl -sSf https://raw.githubusercontent.com/WasmEdge/WasmEdge/master/utils/install.sh | bash) and put wasmedge on PATH',
};

/** The version from `wasmedge --version`, whatever path precedes the word `version`. */
export function parseWasmedgeVersion(output: string): string | null {
  for (const line of output.split('\n')) {
    if (/^\s*\(plugin\b/i.test(line)) continue;
    const match = /\bversion\s+v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)/i.exec(line);
    if (match) return match[1];
  }
  return null;
}

/** Interpreter flags: explicit where the build can say it. */
export function wasmedgeInterpreterFlags(help: string): string[] {
  if (helpHasFlag(help, '--run-mode')) return ['--run-mode', 'interpreter'];
  return helpHasFlag(help, '--force-interpreter') ? ['--force-interpreter'] : [];
}

/** JIT flags this build offers, from its --help: `--run-mode jit`, else `--enable-jit` (deprecated), else none. */
export function wasmedgeJitFlags(help: string): string[] | null {
  if (helpHasFlag(help, '--run-mode') && /\bjit\b/i.test(stripAnsi(help))) return ['--run-mode', 'jit'];
  if (helpHasFlag(help, '--enable-jit')) return ['--enable-jit'];
  return null;
}

const FALLBACK = /falling back to interpreter|not supported/i;

/** A run that exits 0 but says it fell back to the interpreter did not run the tier. */
export function wasmedgeFallback(output: string): string | null {
  return (
    stripAnsi(output)
      .split('\n')
      .map((l) => l.trim())
      .find((l) => FALLBACK.test(l)) ?? null
  );
}

/** `[2026-11-21 16:04:53.706] [error] msg` → `msg`. */
export function stripLogPrefix(line: string): string {
  return line.replace(/^(\[[^\]]*\]\s*)+/, '');
}

/** Run a probe: null when the tier really ran, else why not. */
async function tryTier(argv: string[]): Promise<string | null> {
  const dir = await makeWorkDir('wasmedge-probe');
  try {
    const result = await probe(argv, { cwd: dir });
    if (!result.ok) return describeFailure(result);
    // WasmEdge logs through spdlog to stdout (seen), older builds to stderr.
    const fallback = wasmedgeFallback(`${result.stdout}\n${result.stderr}`);
    return fallback ? `exit 0 but ${stripLogPrefix(fallback)}` : null;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Flags that make a run use AOT code: `--run-mode aot` where the build has `--run-mode`. */
export function wasmedgeAotRunFlags(help: string): string[] {
  return helpHasFlag(help, '--run-mode') ? ['--run-mode', 'aot'] : [];
}

/** `wasmedge [flags] --dir .:. [guest flags] module args` (`--dir GUEST:HOST`). */
export function wasmedgeRunArgv(
  wasmedge: string,
  flags: string[],
  modulePath: string,
  args: string[],
  guestFlags: string[] = [],
): string[] {
  return [wasmedge, ...flags, '--dir', '.:.', ...guestFlags, modulePath, ...args];
}

export function wasmedgeCompileArgv(wasmedge: string, wasmPath: string, outPath: string): string[] {
  return [wasmedge, 'compile', wasmPath, outPath];
}

async function probeAot(wasmedge: string, help: string, log: TierLog): Promise<ModeSupport | null> {
  const dir = await makeWorkDir('wasmedge-probe');
  try {
    const out = join(dir, 'noop.so');
    const compiled = await probe(wasmedgeCompileArgv(wasmedge, PROBE_WASM, out), { cwd: dir, timeoutMs: 120_000 });
    const flags = wasmedgeAotRunFlags(help);
    const failure = compiled.ok
      ? await tryTier(wasmedgeRunArgv(wasmedge, flags, out, []))
      : `wasmedge compile failed (${stripLogPrefix(describeFailure(compiled).replace(/^exit code \d+: /, ''))})`;
    if (failure) {
      log.lacks('aot', 'wasmedge compile', failure);
      return null;
    }
    return { mode: 'aot', modeName: 'wasmedge compile', flags, cacheStates: ['precompiled'] };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function probeModes(wasmedge: string, log: TierLog): Promise<ModeSupport[]> {
  const helpResult = await probe([wasmedge, '--help']);
  const help = helpResult.stdout + helpResult.stderr;
  const logFlags = await probeLogFlags(wasmedge, help);
  traits.set(wasmedge, { logFlags, hasRunMode: helpHasFlag(help, '--run-mode') });
  log.note(
    logFlags.length
      ? `samples run with ${logFlags.join(' ')}: WasmEdge's log lines go to stdout`
      : 'no --log-level here: WasmEdge log lines on stdout are filtered out of the output check, and firstOutputNs is left out of a sample whose stdout starts with one',
  );
  const modes: ModeSupport[] = [];
  const interpFlags = wasmedgeInterpreterFlags(help);
  const interp = await tryTier(wasmedgeRunArgv(wasmedge, interpFlags, PROBE_WASM, []));
  if (interp) log.lacks('interpreter', 'interpreter', interp);
  else modes.push({ mode: 'interpreter', modeName: 'interpreter', flags: interpFlags, cacheStates: ['cold'] });
  const jit = wasmedgeJitFlags(help);
  const jitFailure = jit
    ? await tryTier(wasmedgeRunArgv(wasmedge, jit, PROBE_WASM, []))
    : 'this build lists neither --run-mode jit nor --enable-jit';
  if (jit && !jitFailure) modes.push({ mode: 'optimizing', modeName: 'jit', flags: jit, cacheStates: ['cold'] });
  else log.lacks('optimizing', 'jit', jitFailure ?? 'unknown');
  const aot = await probeAot(wasmedge, help, log);
  if (aot) modes.push(aot);
  return modes;
}

function modeFlags(runtime: AvailableRuntime, spec: RunSpec): string[] {
  return modeOf(runtime, spec.mode).flags;
}

/** The sample argv, after checking that it selects the case's tier. */
function sampleArgv(runtime: AvailableRuntime, spec: RunSpec, modulePath: string, logFlags: string[]): string[] {
  const flags = modeFlags(runtime, spec);
  assertTierArgv(spec.mode, flags, modulePath, traitsOf(runtime).hasRunMode);
  return wasmedgeRunArgv(
    runtime.path,
    [...flags, ...logFlags],
    modulePath,
    spec.args,
    wasmedgeGuestFlags(spec.workload),
  );
}

/** One untimed run of the case's command with WasmEdge's warnings on: a fallback to the interpreter fails prepare(). */
async function verifyTier(runtime: AvailableRuntime, spec: RunSpec, modulePath: string): Promise<void> {
  if (spec.mode === 'interpreter') return;
  const logFlags = traitsOf(runtime).logFlags.length ? ['--log-level', 'info'] : [];
  const result = await probe(sampleArgv(runtime, spec, modulePath, logFlags), {
    cwd: spec.workDir,
    timeoutMs: 600_000,
  });
  const { fallback } = inspectWasmedgeOutput(result.stdout, result.stderr);
  if (fallback)
    throw new Error(
      `wasmedge fell back to the interpreter instead of running ${spec.mode}: ${stripLogPrefix(fallback)}`,
    );
}

export const wasmedgeAdapter: RuntimeAdapter = {
  id: 'wasmedge',
  displayName: 'WasmEdge',
  async detect(): Promise<Detection> {
    const found = await identifyCli(WASMEDGE, ['--version'], parseWasmedgeVersion);
    if (!found.ok) return found.detection;
    const log = new TierLog([
      `raw version: ${found.raw}`,
      'WasmEdge keeps no compilation cache: interpreter and JIT are cold only',
    ]);
    const modes = await probeModes(found.path, log);
    return finishDetection(WASMEDGE, found.path, found.version, modes, log);
  },
  async prepare(runtime: AvailableRuntime, spec: RunSpec): Promise<PreparedCase> {
    if (spec.cacheState !== 'precompiled') {
      await verifyTier(runtime, spec, spec.fixture.wasmPath);
      return { artifactPath: spec.fixture.wasmPath, notes: [] };
    }
    const outcome = await ensureArtifact(
      {
        runtimeId: 'wasmedge',
        engineVersion: runtime.version,
        binaries: [runtime.path],
        flags: [],
        wasmPath: spec.fixture.wasmPath,
        fixtureName: spec.fixture.name,
        ext: 'so',
      },
      async (out) => {
        const result = await probe(wasmedgeCompileArgv(runtime.path, spec.fixture.wasmPath, out), {
          cwd: spec.workDir,
          timeoutMs: 600_000,
        });
        if (!result.ok) throw new Error(`wasmedge compile failed: ${describeFailure(result, 600_000)}`);
      },
    );
    await verifyTier(runtime, spec, outcome.path);
    return { artifactPath: outcome.path, artifactBytes: outcome.bytes, notes: [outcome.note] };
  },
  command(runtime: AvailableRuntime, spec: RunSpec, prepared: PreparedCase): SampleCommand {
    return {
      argv: sampleArgv(runtime, spec, prepared.artifactPath, traitsOf(runtime).logFlags),
      env: spec.env,
      cwd: spec.workDir,
    };
  },
  precompileCommand(runtime, spec, outDir) {
    const out = join(outDir, `${spec.fixture.name}.so`);
    return {
      argv: wasmedgeCompileArgv(runtime.path, spec.fixture.wasmPath, out),
      cwd: spec.workDir,
      artifactPath: out,
    };
  },
  guestOptions: () => ({ passes: true }),
  inspectOutput(_runtime, _spec, output) {
    return inspectWasmedgeOutput(output.stdout, output.stderr);
  },
  // WasmEdge logs through spdlog (seen on stdout in 0.17); any log line that reaches stderr is taken out.
  guestStderr: () => (stderr) =>
    stderr
      .split(/(?<=\n)/)
      .filter((line) => !isWasmedgeLogLine(line))
      .join(''),
  sleepNotes: {
    mechanism: 'poll_oneoff via timerfd + epoll (nanosecond resolution)',
    roundsToMs: false,
    source:
      'shared/design/RUNTIME-CLIS.md "How sleep is implemented" (WasmEdge lib/host/wasi); not measured here (no wasmedge binary on this machine)',
  },
};
