/**
 * WAMR's `iwasm`. Which tiers exist is a build-time choice, so detect() reads
 * the tier flags from the build's own usage text and then runs a tiny module
 * with each: `--interp`, `--fast-jit` (baseline), `--llvm-jit` (optimizing),
 * `--multi-tier-jit` (tiered). AOT is `wamrc -o x.aot x.wasm` then
 * `iwasm x.aot`; the .aot is keyed by the iwasm and wamrc versions and binaries.
 * WAMR has no compilation cache, so JIT and interpreter tiers are `cold` only.
 *
 * Checked against real binaries (2026-11-21, x86_64, WAMR 2.4.3 from git;
 * again 2026-12-01 with WAMR-2.4.5, whose default build lists `--interp`):
 * a default build (fast-interp, no JIT: usage lists `--interp` only), a
 * build with fast-jit (lists `--interp` and `--fast-jit`; its default tier
 * is fast-jit and `--interp` is the classic interpreter), and wamrc 2.4.3
 * (LLVM 14).
 */
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ensureArtifact } from './cli/artifact.ts';
import { type CliIdentity, finishDetection, identifyCli, probeVersion, tryRun } from './cli/detect.ts';
import { TierLog } from './mode-notes.ts';
import { modeOf } from './modes.ts';
import { describeFailure, helpHasFlag, probe, PROBE_WASM } from './cli/probe.ts';
import { parseSemver } from './cli/version.ts';
import { findExecutable } from './which.ts';
import type {
  AvailableRuntime,
  Detection,
  Mode,
  ModeSupport,
  PreparedCase,
  RunSpec,
  RuntimeAdapter,
  SampleCommand,
} from './types.ts';
import { makeWorkDir } from '../core/temp-dirs.ts';
import { iwasmGuestFlags, READ_WRITE_ONLY } from './cli/guest-options.ts';
import { WHOLE_STDERR } from './types.ts';

export const IWASM: CliIdentity = {
  id: 'iwasm',
  envVar: 'WASMBENCH_IWASM',
  names: ['iwasm'],
  install:
    "install WAMR's iwasm (and wamrc for aot) from https://github.com/bytecodealliance/wasm-micro-runtime releases and put them on PATH",
};
export const WAMRC_ENV = 'WASMBENCH_WAMRC';

/** `iwasm 2.4.3` (then a proposals list) or `wamrc 2.4.3`: the line that names the tool. */
export function parseWamrVersion(output: string, tool: 'iwasm' | 'wamrc'): string | null {
  const line = output.split('\n').find((l) => new RegExp(`^\\s*${tool}\\b`, 'i').test(l));
  return line ? (parseSemver(line)?.text ?? null) : null;
}

/** A JIT/interpreter tier and the usage-text flag that selects it. */
interface TierFlag {
  mode: Mode;
  modeName: string;
  flag: string;
}
export const IWASM_TIERS: TierFlag[] = [
  { mode: 'interpreter', modeName: 'interp', flag: '--interp' },
  { mode: 'baseline', modeName: 'fast-jit', flag: '--fast-jit' },
  { mode: 'optimizing', modeName: 'llvm-jit', flag: '--llvm-jit' },
  { mode: 'tiered', modeName: 'multi-tier-jit', flag: '--multi-tier-jit' },
];

/**
 * Which interpreter `--interp` (or no flag) runs. WAMR builds one of two:
 * any JIT forces the classic interpreter (build-scripts/runtime_lib.cmake
 * sets WAMR_BUILD_FAST_INTERP 0 when FAST_JIT or JIT is on), otherwise the
 * product-mini default is the fast interpreter (about 2x faster). The CLI
 * does not say which, so a no-JIT build made with -DWAMR_BUILD_FAST_INTERP=0
 * is labelled fast-interp too: detect() notes that assumption.
 */
export function iwasmInterpreterName(help: string): 'fast-interp' | 'classic-interp' {
  return IWASM_TIERS.some((t) => t.mode !== 'interpreter' && helpHasFlag(help, t.flag))
    ? 'classic-interp'
    : 'fast-interp';
}

/**
 * The tiers this build's usage text offers. A build with no tier flags at
 * all is interpreter-only, run without a flag.
 */
export function iwasmTiersFromHelp(help: string): { tier: TierFlag; flags: string[] }[] {
  const interpreter = { ...IWASM_TIERS[0], modeName: iwasmInterpreterName(help) };
  const listed = IWASM_TIERS.filter((t) => helpHasFlag(help, t.flag)).map((t) => ({
    tier: t.mode === 'interpreter' ? interpreter : t,
    flags: [t.flag],
  }));
  if (!listed.some((l) => l.tier.mode === 'interpreter')) listed.unshift({ tier: interpreter, flags: [] });
  return listed;
}

/** `iwasm [tier] --dir=. [guest flags] module args`: options before the module; `--dir` needs the `=` form. */
export function iwasmRunArgv(
  iwasm: string,
  tierFlags: string[],
  modulePath: string,
  args: string[],
  guestFlags: string[] = [],
): string[] {
  return [iwasm, ...tierFlags, '--dir=.', ...guestFlags, modulePath, ...args];
}

export function wamrcArgv(wamrc: string, wasmPath: string, outPath: string): string[] {
  return [wamrc, '-o', outPath, wasmPath];
}

/** wamrc: $WASMBENCH_WAMRC, next to iwasm, then PATH. */
async function findWamrc(iwasm: string): Promise<string | null> {
  return findExecutable([process.env[WAMRC_ENV]?.trim(), join(dirname(iwasm), 'wamrc'), 'wamrc']);
}

async function probeAot(iwasm: string, log: TierLog): Promise<ModeSupport | null> {
  const wamrc = await findWamrc(iwasm);
  if (!wamrc) {
    log.lacks('aot', 'wamrc', `no wamrc next to iwasm or on PATH (or set $${WAMRC_ENV})`);
    return null;
  }
  const version = await probeVersion(wamrc, ['--version'], (o) => parseWamrVersion(o, 'wamrc'));
  if (!version.ok) {
    log.lacks('aot', 'wamrc', version.reason);
    return null;
  }
  const dir = await makeWorkDir('wamrc');
  try {
    const aot = join(dir, 'noop.aot');
    const compiled = await probe(wamrcArgv(wamrc, PROBE_WASM, aot), { cwd: dir, timeoutMs: 60_000 });
    const failure = compiled.ok
      ? await tryRun(iwasmRunArgv(iwasm, [], aot, []))
      : `wamrc failed (${describeFailure(compiled)})`;
    if (failure) {
      log.lacks('aot', 'wamrc', failure);
      return null;
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  log.note(`wamrc ${version.version} at ${wamrc}`);
  return { mode: 'aot', modeName: 'wamrc', flags: [], cacheStates: ['precompiled'] };
}

export const iwasmAdapter: RuntimeAdapter = {
  id: 'iwasm',
  displayName: 'WAMR iwasm',
  async detect(): Promise<Detection> {
    const found = await identifyCli(IWASM, ['--version'], (o) => parseWamrVersion(o, 'iwasm'));
    if (!found.ok) return found.detection;
    const help = await probe([found.path, '--help']);
    const log = new TierLog([
      `raw version: ${found.raw}`,
      'WAMR keeps no compilation cache: interpreter and JIT tiers are cold only',
    ]);
    const tiers = iwasmTiersFromHelp(help.stdout + help.stderr);
    log.note(
      tiers[0].tier.modeName === 'fast-interp'
        ? "the interpreter is taken to be fast-interp, WAMR's default in a build without JIT (iwasm cannot tell a -DWAMR_BUILD_FAST_INTERP=0 build apart)"
        : 'the interpreter is the classic one: WAMR builds it instead of fast-interp whenever a JIT is built',
    );
    const modes: ModeSupport[] = [];
    for (const { tier, flags } of tiers) {
      const failure = await tryRun(iwasmRunArgv(found.path, flags, PROBE_WASM, []));
      if (failure) log.lacks(tier.mode, tier.modeName, failure);
      else modes.push({ mode: tier.mode, modeName: tier.modeName, flags, cacheStates: ['cold'] });
    }
    for (const tier of IWASM_TIERS) {
      if (!modes.some((m) => m.mode === tier.mode) && !log.lacksMode(tier.mode)) {
        log.lacks(tier.mode, tier.modeName, `this iwasm build has no ${tier.flag} (not in its usage text)`);
      }
    }
    if (modes.length > 0) {
      const aot = await probeAot(found.path, log);
      if (aot) modes.push(aot);
    }
    return finishDetection(IWASM, found.path, found.version, modes, log);
  },
  async prepare(runtime: AvailableRuntime, spec: RunSpec): Promise<PreparedCase> {
    if (spec.cacheState !== 'precompiled') return { artifactPath: spec.fixture.wasmPath, notes: [] };
    const wamrc = await findWamrc(runtime.path);
    if (!wamrc) throw new Error(`no wamrc next to ${runtime.path} or on PATH (or set $${WAMRC_ENV})`);
    const outcome = await ensureArtifact(
      {
        runtimeId: 'iwasm',
        engineVersion: runtime.version,
        binaries: [runtime.path, wamrc],
        flags: [],
        wasmPath: spec.fixture.wasmPath,
        fixtureName: spec.fixture.name,
        ext: 'aot',
      },
      async (out) => {
        const result = await probe(wamrcArgv(wamrc, spec.fixture.wasmPath, out), {
          cwd: spec.workDir,
          timeoutMs: 600_000,
        });
        if (!result.ok) throw new Error(`wamrc failed: ${describeFailure(result, 600_000)}`);
      },
    );
    return { artifactPath: outcome.path, artifactBytes: outcome.bytes, notes: [outcome.note] };
  },
  async precompileCommand(runtime, spec, outDir) {
    const wamrc = await findWamrc(runtime.path);
    if (!wamrc) throw new Error(`no wamrc next to ${runtime.path} or on PATH (or set $${WAMRC_ENV})`);
    const out = join(outDir, `${spec.fixture.name}.aot`);
    return { argv: wamrcArgv(wamrc, spec.fixture.wasmPath, out), cwd: spec.workDir, artifactPath: out };
  },
  command(runtime: AvailableRuntime, spec: RunSpec, prepared: PreparedCase): SampleCommand {
    const mode = modeOf(runtime, spec.mode);
    return {
      argv: iwasmRunArgv(runtime.path, mode.flags, prepared.artifactPath, spec.args, iwasmGuestFlags(spec.workload)),
      env: spec.env,
      cwd: spec.workDir,
    };
  },
  guestOptions: () => ({ passes: true, readWriteOnly: READ_WRITE_ONLY.iwasm }),
  // Seen (iwasm 2.4.3, default and fast-jit builds, 2026-12-02): a run that exits 0 adds nothing to the guest's stderr.
  guestStderr: () => WHOLE_STDERR,
  sleepNotes: {
    mechanism:
      'libc-wasi poll_oneoff: a single clock subscription becomes clock_nanosleep (ns resolution, relative or absolute)',
    roundsToMs: false,
    source: 'shared/design/RUNTIME-CLIS.md "How sleep is implemented" (WAMR core/iwasm/libraries/libc-wasi)',
  },
};
