/**
 * wazero's CLI. `wazero version` (a subcommand) prints `v1.6.0`, or `dev`
 * for a local build. Tiers come from the build's own `run -h`:
 * - v1.6 and older list `-optimizing-compiler` ([Experimental], arm64 only
 *   in v1.6): the default compiler is then the older single-pass one
 *   (baseline) and the flag selects the optimizing one;
 * - later versions made the optimizing compiler the default (optimizing).
 * `-interpreter` is the interpreter. Each is tried on a tiny module.
 * Cache states for compiled tiers: cold = no `-cachedir` (nothing
 * persisted), warm = a private `-cachedir` filled by an untimed run,
 * precompiled = a private `-cachedir` filled by `wazero compile`.
 *
 * Checked against real binaries (2026-11-21, x86_64, Go 1.19.8): wazero
 * v1.6.0 built from its tag (once with the version stamped, once printing
 * `dev`). On amd64, `-optimizing-compiler` panics ("only supported on
 * arm64"), so that tier is skipped with that reason.
 */
import { join } from 'node:path';
import { directoryBytes, freshDir } from './cli/artifact.ts';
import { type CliIdentity, finishDetection, identifyCli, tryRun } from './cli/detect.ts';
import { TierLog } from './mode-notes.ts';
import { modeOf } from './modes.ts';
import { helpHasFlag, probe, PROBE_WASM, runUntimed } from './cli/probe.ts';
import { parseSemver } from './cli/version.ts';
import type {
  AvailableRuntime,
  CacheState,
  Detection,
  ModeSupport,
  PreparedCase,
  RunSpec,
  RuntimeAdapter,
  SampleCommand,
} from './types.ts';
import { untimedGuestRun } from './types.ts';
import { wazeroGuestFlags } from './cli/guest-options.ts';
import { WHOLE_STDERR } from './types.ts';

export const WAZERO: CliIdentity = {
  id: 'wazero',
  envVar: 'WASMBENCH_WAZERO',
  names: ['wazero'],
  install:
    'go install github.com/tetratelabs/wazero/cmd/wazero@latest (or a release from https://github.com/tetratelabs/wazero) and put wazero on PATH',
};

/** `v1.6.0` → `1.6.0`; a local build's `dev` is kept as `dev` (artifacts are then keyed by the binary itself). */
export function parseWazeroVersion(output: string): string | null {
  const line =
    output
      .split('\n')
      .map((l) => l.trim())
      .find(Boolean) ?? '';
  if (/^dev\b/.test(line)) return 'dev';
  return /^v?\d+\.\d+\.\d+/.test(line) ? (parseSemver(line)?.text ?? null) : null;
}

/** The compiled tiers this build offers, from `wazero run -h`. */
export function wazeroCompiledTiers(
  runHelp: string,
): { mode: 'baseline' | 'optimizing'; modeName: string; flags: string[] }[] {
  if (helpHasFlag(runHelp, '-optimizing-compiler')) {
    return [
      { mode: 'baseline', modeName: 'compiler', flags: [] },
      { mode: 'optimizing', modeName: 'optimizing-compiler', flags: ['-optimizing-compiler'] },
    ];
  }
  return [{ mode: 'optimizing', modeName: 'optimizing-compiler', flags: [] }];
}

/** wazero compiles to native code only on these; elsewhere it silently interprets. */
export function wazeroCompilesOn(arch: string): boolean {
  return arch === 'x64' || arch === 'arm64';
}

export function wazeroCacheDir(workDir: string, cacheState: CacheState): string | null {
  return cacheState === 'cold' ? null : join(workDir, cacheState === 'warm' ? 'wazero-cache' : 'wazero-precompiled');
}

/** `wazero run [flags] -mount=.:. [guest flags] module args`: Go-style flags before the module. */
export function wazeroRunArgv(
  wazero: string,
  tierFlags: string[],
  cacheDir: string | null,
  modulePath: string,
  args: string[],
  guestFlags: string[] = [],
): string[] {
  return [
    wazero,
    'run',
    ...tierFlags,
    ...(cacheDir ? [`-cachedir=${cacheDir}`] : []),
    '-mount=.:.',
    ...guestFlags,
    modulePath,
    ...args,
  ];
}

export function wazeroCompileArgv(wazero: string, tierFlags: string[], cacheDir: string, modulePath: string): string[] {
  return [wazero, 'compile', ...tierFlags, `-cachedir=${cacheDir}`, modulePath];
}

async function probeModes(path: string, log: TierLog): Promise<ModeSupport[]> {
  const help = await probe([path, 'run', '-h']);
  const text = help.stdout + help.stderr;
  const candidates: { mode: ModeSupport['mode']; modeName: string; flags: string[]; cacheStates: CacheState[] }[] = [];
  if (helpHasFlag(text, '-interpreter'))
    candidates.push({ mode: 'interpreter', modeName: 'interpreter', flags: ['-interpreter'], cacheStates: ['cold'] });
  else log.lacks('interpreter', 'interpreter', 'this wazero has no -interpreter flag');
  if (wazeroCompilesOn(process.arch)) {
    const compileHelp = await probe([path, 'compile', '-h']);
    for (const t of wazeroCompiledTiers(text)) {
      // `wazero compile` (v1.6) takes no tier flag: a flag-selected tier cannot be precompiled by it.
      const compilable = t.flags.every((f) => helpHasFlag(compileHelp.stdout + compileHelp.stderr, f));
      candidates.push({ ...t, cacheStates: compilable ? ['cold', 'warm', 'precompiled'] : ['cold', 'warm'] });
      if (!compilable)
        log.note(`${t.mode} (${t.modeName}): no precompiled state, \`wazero compile\` has no ${t.flags.join(' ')}`);
    }
  } else {
    log.lacks('optimizing', 'compiler', `wazero has no native compiler for ${process.arch} (it would interpret)`);
  }
  const modes: ModeSupport[] = [];
  for (const c of candidates) {
    const failure = await tryRun(wazeroRunArgv(path, c.flags, null, PROBE_WASM, []));
    if (failure) log.lacks(c.mode, c.modeName, failure);
    else modes.push(c);
  }
  return modes;
}

function tierFlags(runtime: AvailableRuntime, spec: RunSpec): string[] {
  return modeOf(runtime, spec.mode).flags;
}

export const wazeroAdapter: RuntimeAdapter = {
  id: 'wazero',
  displayName: 'wazero (Go)',
  async detect(): Promise<Detection> {
    const found = await identifyCli(WAZERO, ['version'], parseWazeroVersion);
    if (!found.ok) return found.detection;
    const log = new TierLog([`raw version: ${found.raw}`]);
    if (found.version === 'dev')
      log.note('a local build (`dev`): precompiled caches are private to each run, so no stale cache is ever reused');
    const modes = await probeModes(found.path, log);
    return finishDetection(WAZERO, found.path, found.version, modes, log);
  },
  async prepare(runtime: AvailableRuntime, spec: RunSpec): Promise<PreparedCase> {
    const cacheDir = wazeroCacheDir(spec.workDir, spec.cacheState);
    if (!cacheDir)
      return { artifactPath: spec.fixture.wasmPath, notes: ['no -cachedir: compiled in memory every sample'] };
    await freshDir(spec.workDir, cacheDir);
    const flags = tierFlags(runtime, spec);
    if (spec.cacheState === 'warm') {
      await runUntimed(
        wazeroRunArgv(runtime.path, flags, cacheDir, spec.fixture.wasmPath, spec.args, wazeroGuestFlags(spec.workload)),
        'populating the warm cache',
        untimedGuestRun(spec),
      );
      return { artifactPath: spec.fixture.wasmPath, notes: ['private -cachedir populated by one untimed run'] };
    }
    await runUntimed(wazeroCompileArgv(runtime.path, flags, cacheDir, spec.fixture.wasmPath), 'wazero compile', {
      cwd: spec.workDir,
    });
    return {
      artifactPath: spec.fixture.wasmPath,
      artifactBytes: await directoryBytes(cacheDir),
      notes: ['private -cachedir filled by `wazero compile` (untimed) with this binary'],
    };
  },
  precompileCommand(runtime, spec, outDir) {
    // The artifact is the filled -cachedir: outDir starts empty, so nothing is a cache hit.
    return {
      argv: wazeroCompileArgv(runtime.path, tierFlags(runtime, spec), outDir, spec.fixture.wasmPath),
      cwd: spec.workDir,
      artifactPath: outDir,
    };
  },
  command(runtime: AvailableRuntime, spec: RunSpec, prepared: PreparedCase): SampleCommand {
    const argv = wazeroRunArgv(
      runtime.path,
      tierFlags(runtime, spec),
      wazeroCacheDir(spec.workDir, spec.cacheState),
      prepared.artifactPath,
      spec.args,
      wazeroGuestFlags(spec.workload),
    );
    return { argv, env: spec.env, cwd: spec.workDir };
  },
  guestOptions: () => ({ passes: true }),
  // Seen (wazero 1.6.0, compiler and -interpreter, 2026-12-02): a run that exits 0 adds nothing to the guest's stderr.
  guestStderr: () => WHOLE_STDERR,
  sleepNotes: {
    mechanism:
      'Go time.Sleep for a relative clock subscription (Go runtime timers, netpoller); absolute clock subscriptions are unsupported',
    roundsToMs: false,
    source: 'shared/design/RUNTIME-CLIS.md "How sleep is implemented" (wazero imports/wasi_snapshot_preview1/poll.go)',
    absoluteUnsupported:
      'wazero\'s poll_oneoff rejects absolute clock subscriptions: clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME) fails with "Not supported" and the guest exits 1 (seen: wazero 1.6.0 on x86_64, 2026-12-01)',
  },
};
