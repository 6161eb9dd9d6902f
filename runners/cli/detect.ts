/**
 * The common shape of detecting a runtime CLI: find the binary ($WASMBENCH_<ID>
 * override, else PATH), ask it for its version, try each tier on a tiny
 * module, and turn every failure into an "unavailable" Detection with the
 * reason and an install hint, never an exception.
 */
import { rm } from 'node:fs/promises';
import { basename } from 'node:path';
import { describeFailure, firstLine, probe, type ProbeOptions } from './probe.ts';
import { findExecutable, which } from '../which.ts';
import type { Detection, ModeSupport } from '../types.ts';
import type { TierLog } from '../mode-notes.ts';
import { makeWorkDir } from '../../core/temp-dirs.ts';

export interface CliIdentity {
  id: string;
  /** Env var naming the binary, e.g. `WASMBENCH_WASM3`; it wins over PATH. */
  envVar: string;
  /** Names looked up on PATH, in order. */
  names: string[];
  /** How to get it, shown by doctor and in skipped cases. */
  install: string;
}

export type Located = { ok: true; path: string } | { ok: false; reason: string; path?: string };

/** The binary named by the env var (which must then be executable), else the first name on PATH. */
export async function locateCli(identity: CliIdentity, env: NodeJS.ProcessEnv = process.env): Promise<Located> {
  const override = env[identity.envVar]?.trim();
  if (override) {
    const path = await which(override);
    if (!path)
      return {
        ok: false,
        path: override,
        reason: `$${identity.envVar}=${override} is not an executable file (or not on PATH)`,
      };
    return { ok: true, path };
  }
  const path = await findExecutable(identity.names);
  if (!path)
    return { ok: false, reason: `no ${identity.names.join(' or ')} on PATH (or set $${identity.envVar} to its path)` };
  return { ok: true, path };
}

export function unavailable(
  identity: CliIdentity,
  reason: string,
  extra: { path?: string; version?: string; install?: string; problem?: 'not-installed' | 'broken' } = {},
): Detection {
  return {
    available: false,
    id: identity.id,
    host: 'cli',
    arch: process.arch,
    reason,
    problem: extra.problem ?? (extra.path ? 'broken' : 'not-installed'),
    install: extra.install ?? identity.install,
    path: extra.path,
    version: extra.version,
  };
}

/** A broken binary gets a different hint than a missing one. */
export function reinstallHint(identity: CliIdentity, path: string): string {
  return `reinstall it (${identity.install}), or point $${identity.envVar} at a working ${basename(path)}`;
}

export type VersionOutcome = { ok: true; version: string; raw: string } | { ok: false; reason: string };

/**
 * Run `path ...args` and parse the version from its output (stdout, then
 * stderr). A crash, a hang, a non-zero exit or output without a version is
 * a reason.
 */
export async function probeVersion(
  path: string,
  args: string[],
  parse: (output: string) => string | null,
  options: ProbeOptions = {},
): Promise<VersionOutcome> {
  const result = await probe([path, ...args], options);
  const shown = `\`${basename(path)} ${args.join(' ')}\``;
  if (!result.ok) return { ok: false, reason: `${shown} failed (${describeFailure(result, options.timeoutMs)})` };
  const version = parse(result.stdout) ?? parse(result.stderr);
  const raw = firstLine(result.stdout) || firstLine(result.stderr);
  if (!version)
    return { ok: false, reason: `${shown} printed no version we recognise: ${JSON.stringify(raw.slice(0, 120))}` };
  return { ok: true, version, raw };
}

/** A CLI found and answering with a version, or the unavailable Detection that says why not. */
export type IdentifiedCli =
  | { ok: true; path: string; version: string; raw: string }
  | { ok: false; detection: Detection };

/** The first step of every CLI adapter's detect(): find the binary, then ask it for its version. */
export async function identifyCli(
  identity: CliIdentity,
  versionArgs: string[],
  parse: (output: string) => string | null,
): Promise<IdentifiedCli> {
  const found = await locateCli(identity);
  // A $WASMBENCH_<ID> naming no executable is a missing binary, not a broken one.
  if (!found.ok)
    return {
      ok: false,
      detection: unavailable(identity, found.reason, { path: found.path, problem: 'not-installed' }),
    };
  const version = await probeVersion(found.path, versionArgs, parse);
  if (!version.ok)
    return {
      ok: false,
      detection: unavailable(identity, version.reason, {
        path: found.path,
        install: reinstallHint(identity, found.path),
      }),
    };
  return { ok: true, path: found.path, version: version.version, raw: version.raw };
}

/** Run argv in a throwaway directory: null when it exits 0, else why it failed. */
export async function tryRun(argv: string[], options: ProbeOptions = {}): Promise<string | null> {
  const dir = await makeWorkDir('probe');
  try {
    const result = await probe(argv, { cwd: dir, ...options });
    return result.ok ? null : describeFailure(result, options.timeoutMs);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Available when at least one tier works, else unavailable naming every tier's failure. */
export function finishDetection(
  identity: CliIdentity,
  path: string,
  version: string,
  modes: ModeSupport[],
  log: TierLog,
): Detection {
  if (modes.length === 0) {
    return unavailable(
      identity,
      `${identity.id} ${version} at ${path} could not run a module in any tier: ${log.notes.join('; ')}`,
      { path, version, install: reinstallHint(identity, path) },
    );
  }
  return {
    available: true,
    id: identity.id,
    host: 'cli',
    path,
    version,
    arch: process.arch,
    modes,
    notes: log.notes,
    unsupportedModes: log.lacking,
  };
}
