/**
 * Wasmer's CLI. Compilers/backends come from `wasmer -vV` (`compiler:
 * singlepass,cranelift,llvm` in 3.x-5.x, `runtimes: singlepass, cranelift,
 * llvm, wamr, wasmi, v8` in 6.x+), then each tier flag is tried on a tiny
 * module: `--singlepass` = baseline, `--cranelift` (else `--llvm`) =
 * optimizing, `--wasmi` / `--wamr` = interpreter where built in.
 * $WASMBENCH_WASMER_OPTIMIZER=llvm makes LLVM the optimizing tier.
 *
 * Wasmer always caches compiled modules; there is no off switch, so every
 * command gets a private `WASMER_CACHE_DIR` (and `WASMER_DIR`, so the user's
 * config and cache are never read): cold = emptied before every sample,
 * warm = filled by one untimed run, precompiled = `wasmer compile -o x.wasmu`
 * (keyed by version, binary and tier flag). Guest args follow `--`. The
 * preopen is `--dir=.` before 7.0 and `--volume=.` from 7.0 (which
 * deprecates `--dir`).
 *
 * NOT checked against a real binary here (none installable on this machine):
 * formats are from wasmer's lib/cli/src/cli.rs print_version (3.x/6.x) and
 * RUNTIME-CLIS.md; detect() still asks the binary before using any flag.
 */
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureArtifact, freshDir } from './cli/artifact.ts';
import { type CliIdentity, finishDetection, identifyCli } from './cli/detect.ts';
import { TierLog } from './mode-notes.ts';
import { modeOf } from './modes.ts';
import { describeFailure, probe, PROBE_WASM, runUntimed } from './cli/probe.ts';
import { parseSemver, type CliVersion } from './cli/version.ts';
import type {
  AvailableRuntime,
  CacheState,
  Detection,
  Mode,
  ModeSupport,
  PreparedCase,
  RunSpec,
  RuntimeAdapter,
  SampleCommand,
} from './types.ts';
import { makeWorkDir } from '../core/temp-dirs.ts';
import { untimedGuestRun } from './types.ts';
import { READ_WRITE_ONLY, wasmerGuestFlags } from './cli/guest-options.ts';

export const WASMER: CliIdentity = {
  id: 'wasmer',
  envVar: 'WASMBENCH_WASMER',
  names: ['wasmer'],
  install: 'install the wasmer CLI (https://wasmer.io; curl https://get.wasmer.io -sSfL | sh) and put it on PATH',
};

/** `wasmer 6.0.1` or `wasmer 4.2.5 (abc1234 2024-01-01)`. */
export function parseWasmerVersion(output: string): string | null {
  const line = output.split('\n').find((l) => /^\s*wasmer(-cli)?\s/i.test(l));
  return line ? (parseSemver(line)?.text ?? null) : null;
}

/** The backends a `wasmer -vV` lists, or null when it has no such line. */
export function parseWasmerBackends(verbose: string): string[] | null {
  const line = verbose.split('\n').find((l) => /^\s*(compiler|compilers|runtimes)\s*:/i.test(l));
  if (!line) return null;
  return line
    .slice(line.indexOf(':') + 1)
    .split(/[,\s]+/)
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
}

interface Tier {
  mode: Mode;
  modeName: string;
  flag: string;
  cacheStates: CacheState[];
}
const COMPILED: CacheState[] = ['cold', 'warm', 'precompiled'];

/** Candidate tiers in preference order; the first working one per mode wins. */
export function wasmerTierCandidates(backends: string[] | null, preferLlvm = false): Tier[] {
  const optimizing = preferLlvm ? ['llvm', 'cranelift'] : ['cranelift', 'llvm'];
  const all: Tier[] = [
    { mode: 'baseline', modeName: 'singlepass', flag: '--singlepass', cacheStates: COMPILED },
    ...optimizing.map((b) => ({ mode: 'optimizing' as const, modeName: b, flag: `--${b}`, cacheStates: COMPILED })),
    { mode: 'interpreter', modeName: 'wasmi', flag: '--wasmi', cacheStates: ['cold'] },
    { mode: 'interpreter', modeName: 'wamr', flag: '--wamr', cacheStates: ['cold'] },
  ];
  // Without a backend list (old versions) only the three compilers are tried.
  return backends ? all.filter((t) => backends.includes(t.modeName)) : all.filter((t) => t.mode !== 'interpreter');
}

export function wasmerDirFlags(version: CliVersion | null): string[] {
  return version && version.major >= 7 ? ['--volume=.'] : ['--dir=.'];
}

export function wasmerRunArgv(
  wasmer: string,
  version: CliVersion | null,
  tierFlag: string,
  modulePath: string,
  args: string[],
  guestFlags: string[] = [],
): string[] {
  return [wasmer, 'run', tierFlag, ...wasmerDirFlags(version), ...guestFlags, modulePath, '--', ...args];
}

export function wasmerCompileArgv(wasmer: string, tierFlag: string, wasmPath: string, outPath: string): string[] {
  return [wasmer, 'compile', tierFlag, wasmPath, '-o', outPath];
}

/** The complete environment of a wasmer command: only private state directories. */
export function wasmerEnv(base: Record<string, string>, stateDir: string): Record<string, string> {
  return { ...base, WASMER_DIR: join(stateDir, 'wasmer-home'), WASMER_CACHE_DIR: join(stateDir, 'wasmer-cache') };
}

/** Try a tier in a throwaway dir; also report whether the private cache dir was written. */
async function tryTier(
  wasmer: string,
  version: CliVersion | null,
  tier: Tier,
): Promise<{ failure: string | null; cached: boolean }> {
  const dir = await makeWorkDir('wasmer-probe');
  try {
    const env = wasmerEnv({ PATH: process.env.PATH ?? '' }, dir);
    const result = await probe(wasmerRunArgv(wasmer, version, tier.flag, PROBE_WASM, []), {
      cwd: dir,
      env,
      timeoutMs: 60_000,
    });
    if (!result.ok) return { failure: describeFailure(result, 60_000), cached: false };
    const cached = (await readdir(env.WASMER_CACHE_DIR, { recursive: true }).catch(() => [])).length > 0;
    return { failure: null, cached };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function probeModes(wasmer: string, version: CliVersion | null, log: TierLog): Promise<ModeSupport[]> {
  const verbose = await probe([wasmer, '-vV']);
  const backends = parseWasmerBackends(verbose.stdout);
  log.note(
    backends
      ? `backends (wasmer -vV): ${backends.join(', ')}`
      : '`wasmer -vV` lists no backends: trying each compiler flag',
  );
  const modes: ModeSupport[] = [];
  for (const tier of wasmerTierCandidates(backends, process.env.WASMBENCH_WASMER_OPTIMIZER === 'llvm')) {
    if (modes.some((m) => m.mode === tier.mode)) {
      log.note(
        `${tier.modeName} not measured: ${tier.mode} is already ${modes.find((m) => m.mode === tier.mode)!.modeName}`,
      );
      continue;
    }
    const { failure, cached } = await tryTier(wasmer, version, tier);
    if (failure) {
      log.lacks(tier.mode, tier.modeName, failure);
      continue;
    }
    let states = tier.cacheStates;
    if (states.includes('warm') && !cached) {
      states = states.filter((s) => s !== 'warm');
      log.note(`${tier.mode} (${tier.modeName}): no warm state, this wasmer wrote nothing to $WASMER_CACHE_DIR`);
    }
    modes.push({ mode: tier.mode, modeName: tier.modeName, flags: [tier.flag], cacheStates: states });
  }
  return modes;
}

function tierFlag(runtime: AvailableRuntime, spec: RunSpec): string {
  return modeOf(runtime, spec.mode).flags[0];
}

export const wasmerAdapter: RuntimeAdapter = {
  id: 'wasmer',
  displayName: 'Wasmer',
  async detect(): Promise<Detection> {
    const found = await identifyCli(WASMER, ['--version'], parseWasmerVersion);
    if (!found.ok) return found.detection;
    const log = new TierLog([
      `raw version: ${found.raw}`,
      "every command gets a private WASMER_DIR and WASMER_CACHE_DIR: the user's ~/.wasmer is never read or written",
    ]);
    const modes = await probeModes(found.path, parseSemver(found.version), log);
    return finishDetection(WASMER, found.path, found.version, modes, log);
  },
  async prepare(runtime: AvailableRuntime, spec: RunSpec): Promise<PreparedCase> {
    await freshDir(spec.workDir, join(spec.workDir, 'wasmer-cache'));
    await freshDir(spec.workDir, join(spec.workDir, 'wasmer-home'));
    const flag = tierFlag(runtime, spec);
    const env = wasmerEnv({ PATH: process.env.PATH ?? '', ...spec.env }, spec.workDir);
    const version = parseSemver(runtime.version);
    if (spec.cacheState === 'warm') {
      await runUntimed(
        wasmerRunArgv(
          runtime.path,
          version,
          flag,
          spec.fixture.wasmPath,
          spec.args,
          wasmerGuestFlags(version, spec.workload),
        ),
        'populating the warm cache',
        { ...untimedGuestRun(spec), env },
      );
      return { artifactPath: spec.fixture.wasmPath, notes: ['private WASMER_CACHE_DIR populated by one untimed run'] };
    }
    if (spec.cacheState !== 'precompiled')
      return { artifactPath: spec.fixture.wasmPath, notes: ['private WASMER_CACHE_DIR emptied before every sample'] };
    const outcome = await ensureArtifact(
      {
        runtimeId: 'wasmer',
        engineVersion: runtime.version,
        binaries: [runtime.path],
        flags: [flag],
        wasmPath: spec.fixture.wasmPath,
        fixtureName: spec.fixture.name,
        ext: 'wasmu',
      },
      (out) =>
        runUntimed(wasmerCompileArgv(runtime.path, flag, spec.fixture.wasmPath, out), 'wasmer compile', {
          cwd: spec.workDir,
          env,
        }),
    );
    return { artifactPath: outcome.path, artifactBytes: outcome.bytes, notes: [outcome.note] };
  },
  precompileCommand(runtime, spec, outDir) {
    const out = join(outDir, `${spec.fixture.name}.wasmu`);
    const env = wasmerEnv({ PATH: process.env.PATH ?? '', ...spec.env }, spec.workDir);
    return {
      argv: wasmerCompileArgv(runtime.path, tierFlag(runtime, spec), spec.fixture.wasmPath, out),
      env,
      cwd: spec.workDir,
      artifactPath: out,
    };
  },
  async reset(_runtime: AvailableRuntime, spec: RunSpec): Promise<void> {
    if (spec.cacheState === 'cold') await freshDir(spec.workDir, join(spec.workDir, 'wasmer-cache'));
  },
  command(runtime: AvailableRuntime, spec: RunSpec, prepared: PreparedCase): SampleCommand {
    const version = parseSemver(runtime.version);
    return {
      argv: wasmerRunArgv(
        runtime.path,
        version,
        tierFlag(runtime, spec),
        prepared.artifactPath,
        spec.args,
        wasmerGuestFlags(version, spec.workload),
      ),
      env: wasmerEnv({ PATH: process.env.PATH ?? '', ...spec.env }, spec.workDir),
      cwd: spec.workDir,
    };
  },
  guestOptions: () => ({ passes: true, readWriteOnly: READ_WRITE_ONLY.wasmer }),
  guestStderr: () => ({
    unchecked:
      "wasmer was not available to see whether it writes lines of its own to stderr on a successful run, so the guest's cannot be told apart",
  }),
  sleepNotes: {
    mechanism: 'wasmer-wasix poll_oneoff: a tokio timer (millisecond granularity)',
    roundsToMs: true,
    source:
      'shared/design/RUNTIME-CLIS.md "How sleep is implemented"; not measured here (no wasmer binary on this machine)',
  },
};
