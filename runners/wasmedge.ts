/**
 * WasmEdge's CLI. A plain .wasm runs in the interpreter (its default);
 * `--enable-jit` (or `--run-mode jit`) is the LLVM JIT in builds that have
 * it; AOT is `wasmedge compile in.wasm out.so` (keyed by version and binary)
 * then a run with `--run-mode aot` where the build lists `--run-mode`
 * (recent builds otherwise run the compiled file interpreted or fail).
 * Every flag is taken from the build's own `--help` and tried on a tiny
 * module first. No compilation cache: interpreter and JIT are cold only.
 *
 * Version output (seen, RUNTIME-CLIS.md): `<argv0 path> version
 * 0.17.0-330-gd516c5d66` then plugin lines: the first word is the invoked
 * path, so the parser looks for `version X.Y.Z` and skips `(plugin ...)` lines.
 *
 * NOT checked against a real binary here (none installable; building it
 * needs LLVM and more time than this session had).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureArtifact } from './cli-artifact.ts';
import { finishDetection, locateCli, probeVersion, reinstallHint, skippedModeNote, tryRun, unavailable, type CliIdentity } from './cli-detect.ts';
import { describeFailure, helpHasFlag, probe, PROBE_WASM } from './cli-probe.ts';
import type { AvailableRuntime, Detection, ModeSupport, PreparedCase, RunSpec, RuntimeAdapter, SampleCommand } from './types.ts';

export const WASMEDGE: CliIdentity = {
  id: 'wasmedge', envVar: 'WASMBENCH_WASMEDGE', names: ['wasmedge'],
  install: 'install WasmEdge (https://wasmedge.org/docs/start/install; curl -sSf https://raw.githubusercontent.com/WasmEdge/WasmEdge/master/utils/install.sh | bash) and put wasmedge on PATH',
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

/** JIT flags this build offers, from its --help: `--enable-jit`, else `--run-mode jit`, else none. */
export function wasmedgeJitFlags(help: string): string[] | null {
  if (helpHasFlag(help, '--enable-jit')) return ['--enable-jit'];
  if (helpHasFlag(help, '--run-mode') && /\bjit\b/i.test(help)) return ['--run-mode', 'jit'];
  return null;
}

/** Flags that make a run use AOT code: `--run-mode aot` where the build has `--run-mode`. */
export function wasmedgeAotRunFlags(help: string): string[] {
  return helpHasFlag(help, '--run-mode') ? ['--run-mode', 'aot'] : [];
}

/** `wasmedge [flags] --dir .:. module args` (`--dir GUEST:HOST`). */
export function wasmedgeRunArgv(wasmedge: string, flags: string[], modulePath: string, args: string[]): string[] {
  return [wasmedge, ...flags, '--dir', '.:.', modulePath, ...args];
}

export function wasmedgeCompileArgv(wasmedge: string, wasmPath: string, outPath: string): string[] {
  return [wasmedge, 'compile', wasmPath, outPath];
}

async function probeAot(wasmedge: string, help: string, notes: string[]): Promise<ModeSupport | null> {
  const dir = await mkdtemp(join(tmpdir(), 'wasmbench-wasmedge-probe-'));
  try {
    const out = join(dir, 'noop.so');
    const compiled = await probe(wasmedgeCompileArgv(wasmedge, PROBE_WASM, out), { cwd: dir, timeoutMs: 120_000 });
    const flags = wasmedgeAotRunFlags(help);
    const failure = compiled.ok ? await tryRun(wasmedgeRunArgv(wasmedge, flags, out, [])) : `wasmedge compile failed (${describeFailure(compiled)})`;
    if (failure) {
      notes.push(skippedModeNote('aot', 'wasmedge compile', failure));
      return null;
    }
    return { mode: 'aot', modeName: 'wasmedge compile', flags, cacheStates: ['precompiled'] };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function probeModes(wasmedge: string, notes: string[]): Promise<ModeSupport[]> {
  const helpResult = await probe([wasmedge, '--help']);
  const help = helpResult.stdout + helpResult.stderr;
  const modes: ModeSupport[] = [];
  const interp = await tryRun(wasmedgeRunArgv(wasmedge, [], PROBE_WASM, []));
  if (interp) notes.push(skippedModeNote('interpreter', 'interpreter', interp));
  else modes.push({ mode: 'interpreter', modeName: 'interpreter', flags: [], cacheStates: ['cold'] });
  const jit = wasmedgeJitFlags(help);
  const jitFailure = jit ? await tryRun(wasmedgeRunArgv(wasmedge, jit, PROBE_WASM, [])) : 'this build lists neither --enable-jit nor --run-mode jit';
  if (jit && !jitFailure) modes.push({ mode: 'optimizing', modeName: 'jit', flags: jit, cacheStates: ['cold'] });
  else notes.push(skippedModeNote('optimizing', 'jit', jitFailure ?? 'unknown'));
  const aot = await probeAot(wasmedge, help, notes);
  if (aot) modes.push(aot);
  return modes;
}

function modeFlags(runtime: AvailableRuntime, spec: RunSpec): string[] {
  const mode = runtime.modes.find((m) => m.mode === spec.mode);
  if (!mode) throw new Error(`wasmedge has no ${spec.mode} mode here; it has ${runtime.modes.map((m) => m.mode).join(', ')}`);
  return mode.flags;
}

export const wasmedgeAdapter: RuntimeAdapter = {
  id: 'wasmedge',
  displayName: 'WasmEdge',
  async detect(): Promise<Detection> {
    const found = await locateCli(WASMEDGE);
    if (!found.ok) return unavailable(WASMEDGE, found.reason, { path: found.path });
    const version = await probeVersion(found.path, ['--version'], parseWasmedgeVersion);
    if (!version.ok) return unavailable(WASMEDGE, version.reason, { path: found.path, install: reinstallHint(WASMEDGE, found.path) });
    const notes = [`raw version: ${version.raw}`, 'WasmEdge keeps no compilation cache: interpreter and JIT are cold only'];
    const modes = await probeModes(found.path, notes);
    return finishDetection(WASMEDGE, found.path, version.version, modes, notes);
  },
  async prepare(runtime: AvailableRuntime, spec: RunSpec): Promise<PreparedCase> {
    if (spec.cacheState !== 'precompiled') return { artifactPath: spec.fixture.wasmPath, notes: [] };
    const outcome = await ensureArtifact(
      { runtimeId: 'wasmedge', engineVersion: runtime.version, binaries: [runtime.path], flags: [], wasmPath: spec.fixture.wasmPath, fixtureName: spec.fixture.name, ext: 'so' },
      async (out) => {
        const result = await probe(wasmedgeCompileArgv(runtime.path, spec.fixture.wasmPath, out), { cwd: spec.workDir, timeoutMs: 600_000 });
        if (!result.ok) throw new Error(`wasmedge compile failed: ${describeFailure(result, 600_000)}`);
      },
    );
    return { artifactPath: outcome.path, artifactBytes: outcome.bytes, notes: [outcome.note] };
  },
  command(runtime: AvailableRuntime, spec: RunSpec, prepared: PreparedCase): SampleCommand {
    return { argv: wasmedgeRunArgv(runtime.path, modeFlags(runtime, spec), prepared.artifactPath, spec.args), env: spec.env, cwd: spec.workDir };
  },
  sleepNotes: {
    mechanism: 'poll_oneoff via timerfd + epoll (nanosecond resolution)',
    roundsToMs: false,
    source: 'shared/design/RUNTIME-CLIS.md "How sleep is implemented" (WasmEdge lib/host/wasi); not measured here (no wasmedge binary on this machine)',
  },
};
