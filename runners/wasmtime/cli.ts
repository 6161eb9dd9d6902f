/**
 * The `wasmtime` CLI: version parsing and argv construction (pure), so every
 * flag choice is unit-tested from real version strings.
 *
 * Checked against: `wasmtime 36.0.0 (abcdef123 2025-08-20)` (v25+ prints
 * "wasmtime", git builds add hash and date) and `wasmtime-cli 24.0.0` (up to
 * v24). Flag syntax: v14 moved every engine option under `-C`/`-O`/`-W`/`-S`
 * and changed `--dir` to `HOST[::GUEST]` (before: `--dir DIR` plus
 * `--mapdir GUEST::HOST`); v30 made Pulley a default target; v33 rejects the
 * old `enabled = true` key in cache config files.
 */
import type { CacheState, Mode } from '../types.ts';

export interface WasmtimeVersion {
  major: number;
  minor: number;
  patch: number;
  /** The whole version, e.g. `36.0.0`. */
  text: string;
}

/** The version from `wasmtime --version` output, or null when it has none. */
export function parseWasmtimeVersion(output: string): WasmtimeVersion | null {
  const line = output.split('\n').find((l) => /wasmtime/i.test(l)) ?? output.split('\n')[0] ?? '';
  const match = /(\d+)\.(\d+)\.(\d+)/.exec(line);
  if (!match) return null;
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]), text: match[0] };
}

/** Engine flags that select a tier on this CLI version, or null when the version lacks it. */
export function cliTierFlags(mode: Mode, version: WasmtimeVersion): string[] | null {
  const modern = version.major >= 14;
  switch (mode) {
    case 'optimizing':
      return modern ? ['-C', 'compiler=cranelift'] : [];
    // Winch is selectable from the CLI since v14 (`-C compiler=winch`).
    case 'baseline':
      return modern ? ['-C', 'compiler=winch'] : null;
    // Pulley ships in default builds since v30; detect() still tries it.
    case 'interpreter':
      return version.major >= 30 ? ['--target', 'pulley64'] : null;
    default:
      return null;
  }
}

/** The runtime's own name for a tier. */
export const WASMTIME_TIER_NAMES: Partial<Record<Mode, string>> = {
  interpreter: 'pulley',
  baseline: 'winch',
  optimizing: 'cranelift',
};

/** Preopen the sample's working directory as the guest's `.`. */
export function cliDirFlags(version: WasmtimeVersion): string[] {
  return version.major >= 14 ? ['--dir', '.::.'] : ['--dir', '.'];
}

/**
 * Cache flags: off, or on with a private config file. The user's own cache
 * (~/.cache/wasmtime, on by default in the CLI) is never read or written:
 * every command names one or the other.
 */
export function cliCacheFlags(version: WasmtimeVersion, configFile: string | null): string[] {
  if (version.major >= 14) return configFile ? ['-C', `cache-config=${configFile}`] : ['-C', 'cache=n'];
  return configFile ? ['--cache-config', configFile] : ['--disable-cache'];
}

/** A private cache config file's contents (TOML). */
export function cacheConfigToml(cacheDir: string, version: WasmtimeVersion | null): string {
  const enabled = version && version.major < 33 ? 'enabled = true\n' : '';
  return `[cache]\n${enabled}directory = ${JSON.stringify(cacheDir)}\n`;
}

export interface CliRunRequest {
  wasmtime: string;
  version: WasmtimeVersion;
  tierFlags: string[];
  cacheState: CacheState;
  /** The private cache config (cold and warm). */
  cacheConfig: string;
  /** The module to run: the .wasm, or the .cwasm for `precompiled`. */
  modulePath: string;
  args: string[];
  /** A workload's extra preopens and guest env (`--dir HOST::GUEST`, `--env K=V`). */
  guestFlags?: string[];
}

/** `wasmtime run` for one sample; all wasmtime flags come before the module. */
export function cliRunArgv(req: CliRunRequest): string[] {
  const precompiled = req.cacheState === 'precompiled';
  const cache = cliCacheFlags(req.version, precompiled ? null : req.cacheConfig);
  return [
    req.wasmtime,
    'run',
    ...req.tierFlags,
    ...cache,
    ...(precompiled ? ['--allow-precompiled'] : []),
    ...cliDirFlags(req.version),
    ...(req.guestFlags ?? []),
    req.modulePath,
    ...req.args,
  ];
}

/** `wasmtime compile` to a .cwasm with the same engine flags the run will use. */
export function cliCompileArgv(
  wasmtime: string,
  version: WasmtimeVersion,
  tierFlags: string[],
  wasmPath: string,
  outPath: string,
): string[] {
  return [wasmtime, 'compile', ...tierFlags, ...cliCacheFlags(version, null), '-o', outPath, wasmPath];
}
