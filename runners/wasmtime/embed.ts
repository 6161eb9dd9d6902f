/**
 * Wasmtime through its official Python bindings (`pip install wasmtime`):
 * detection by probing the host program, and its argv. The host,
 * runners/hosts/wasmtime_host.py, drives the real engine with the same
 * tiers as the CLI (strategy cranelift, winch; target pulley64).
 */
import { TierLog, type UnsupportedMode } from '../mode-notes.ts';
import { fileURLToPath } from 'node:url';
import { findExecutable } from '../which.ts';
import { describeFailure, probe as probeCommand } from '../cli/probe.ts';
import type { CacheState, Mode, ModeSupport } from '../types.ts';

export const WASMTIME_PY_HOST = fileURLToPath(new URL('../hosts/wasmtime_host.py', import.meta.url));
export const EMBED_INSTALL =
  'pip install wasmtime (the official Python bindings), or install the wasmtime CLI (https://wasmtime.dev) and put it on PATH';

/** Host flags per tier, and the probe's name for that tier. */
export const EMBED_TIERS: { mode: Mode; modeName: string; probe: string; flags: string[] }[] = [
  { mode: 'interpreter', modeName: 'pulley', probe: 'pulley64', flags: ['--target', 'pulley64'] },
  { mode: 'baseline', modeName: 'winch', probe: 'winch', flags: ['--strategy', 'winch'] },
  { mode: 'optimizing', modeName: 'cranelift', probe: 'cranelift', flags: ['--strategy', 'cranelift'] },
];

export const ALL_CACHE_STATES: CacheState[] = ['cold', 'warm', 'precompiled'];

/** What `wasmtime_host.py --probe` prints. */
export interface EmbedProbe {
  version: string;
  python: string;
  /** The real interpreter (not a pyenv/asdf shim script, which would add its own start-up to every sample). */
  executable: string;
  tiers: Record<string, { ok: boolean; error?: string }>;
}

export type EmbedDetection =
  | { ok: true; python: string; probe: EmbedProbe; modes: ModeSupport[]; skipped: string[]; lacking: UnsupportedMode[] }
  | { ok: false; python?: string; reason: string };

/** Parse the probe's JSON line; throws with the text when it is not the expected shape. */
export function parseProbe(stdout: string): EmbedProbe {
  const line = stdout.trim().split('\n').pop() ?? '';
  const probe = JSON.parse(line) as Partial<EmbedProbe>;
  if (typeof probe.version !== 'string' || typeof probe.tiers !== 'object' || probe.tiers === null) {
    throw new Error(`unexpected probe output: ${line.slice(0, 200)}`);
  }
  return {
    version: probe.version,
    python: probe.python ?? '?',
    executable: probe.executable ?? '',
    tiers: probe.tiers,
  };
}

/** Modes from a probe: a tier the build lacks is left out, as data (`lacking`) and as a note (`skipped`). */
export function embedModes(probe: EmbedProbe): { modes: ModeSupport[]; skipped: string[]; lacking: UnsupportedMode[] } {
  const modes: ModeSupport[] = [];
  const log = new TierLog();
  for (const tier of EMBED_TIERS) {
    const found = probe.tiers[tier.probe];
    if (found?.ok)
      modes.push({ mode: tier.mode, modeName: tier.modeName, flags: tier.flags, cacheStates: [...ALL_CACHE_STATES] });
    else
      log.lacks(tier.mode, tier.modeName, `unavailable in this build of the bindings: ${found?.error ?? 'not probed'}`);
  }
  return { modes, skipped: log.notes, lacking: log.lacking };
}

/** Find Python and probe the bindings. Never throws: a failure is a reason. */
export async function detectEmbed(): Promise<EmbedDetection> {
  const python = await findExecutable([process.env.WASMBENCH_PYTHON, 'python3', 'python']);
  if (!python)
    return {
      ok: false,
      reason:
        'no wasmtime CLI on PATH and no Python interpreter for the embedding (tried $WASMBENCH_PYTHON, python3, python)',
    };
  // In its own process group (runners/cli/probe.ts): a hung interpreter is killed with everything it started.
  const result = await probeCommand([python, WASMTIME_PY_HOST, '--probe'], { timeoutMs: 60_000 });
  try {
    if (!result.ok) throw new Error(describeFailure(result));
    const probe = parseProbe(result.stdout);
    const { modes, skipped, lacking } = embedModes(probe);
    if (modes.length === 0)
      return {
        ok: false,
        python,
        reason: `wasmtime Python bindings ${probe.version} found but no tier works: ${skipped.join('; ')}`,
      };
    return { ok: true, python: probe.executable || python, probe, modes, skipped, lacking };
  } catch (err) {
    const stderr = result.stderr;
    if (/No module named .?wasmtime/.test(stderr)) {
      return {
        ok: false,
        python,
        reason: `no wasmtime CLI on PATH and the wasmtime Python bindings are not installed for ${python}`,
      };
    }
    const detail = stderr.trim().split('\n').pop() || (err as Error).message;
    return { ok: false, python, reason: `the wasmtime Python bindings failed to start: ${detail}` };
  }
}

export interface EmbedRunRequest {
  python: string;
  tierFlags: string[];
  cacheState: CacheState;
  /** The private cache config (cold and warm). */
  cacheConfig: string;
  /** The .wasm, or the serialized artifact for `precompiled`. */
  modulePath: string;
  args: string[];
  /** A workload's extra preopens and guest env (`--dir HOST::GUEST[::rw]`, `--env K=V`). */
  guestFlags?: string[];
}

/** The host's argv for one sample. Cold and warm both use a private cache (emptied before each cold sample). */
export function embedRunArgv(req: EmbedRunRequest): string[] {
  const cache = req.cacheState === 'precompiled' ? ['--precompiled'] : ['--cache-config', req.cacheConfig];
  return [
    req.python,
    WASMTIME_PY_HOST,
    ...req.tierFlags,
    ...cache,
    ...(req.guestFlags ?? []),
    req.modulePath,
    '--',
    ...req.args,
  ];
}

/** The host's argv to compile and serialize a module (untimed preparation of `precompiled`). */
export function embedCompileArgv(python: string, tierFlags: string[], wasmPath: string, outPath: string): string[] {
  return [python, WASMTIME_PY_HOST, ...tierFlags, '--compile-out', outPath, wasmPath];
}

/** The host's argv to time calls to an exported function (metric callNs). */
export function embedCallArgv(
  python: string,
  tierFlags: string[],
  wasmPath: string,
  call: { name: string; args: number[]; expect?: number; calls: number; warmupCalls: number },
): string[] {
  return [
    python,
    WASMTIME_PY_HOST,
    ...tierFlags,
    '--call',
    call.name,
    '--calls',
    String(call.calls),
    '--warmup-calls',
    String(call.warmupCalls),
    ...call.args.flatMap((a) => ['--arg', String(a)]),
    ...(call.expect === undefined ? [] : ['--expect', String(call.expect)]),
    wasmPath,
  ];
}
