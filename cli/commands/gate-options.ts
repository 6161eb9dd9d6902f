/** Shared option handling of `compare` and `gate`: config file section, threshold flags, seed. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { findConfigFile, loadConfigFile } from '../../core/config/load.ts';
import type { GateThresholdOptions } from '../../core/config/types.ts';
import { UsageError } from '../../core/errors.ts';
import { intFlag } from '../int-flag.ts';
import { resolveGate, type ResolvedGate } from '../../core/compare/thresholds.ts';
import { EMPTY_ALLOW_LIST, loadAllowList, type AllowList } from '../../core/compare/allow-list.ts';

export const DEFAULT_ALLOW_LIST = 'wasmbench-allow.json';

export function list(value: string | undefined): string[] | undefined {
  return value === undefined
    ? undefined
    : value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
}

export function seedFlag(value: string | undefined): number | undefined {
  return intFlag('seed', value, { example: 1 });
}

export function pctFlag(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0)
    throw new UsageError(`--${flag} expects a percentage >= 0, got "${value}"`, `e.g. --${flag} 10`);
  return n;
}

/** The `gate` section of the config file (if any) with flags on top. */
export async function gateSettingsFromConfig(
  configFlag: string | undefined,
  flags: GateThresholdOptions,
): Promise<ResolvedGate> {
  const path = await findConfigFile(configFlag, process.cwd());
  const config = path ? await loadConfigFile(path) : undefined;
  return resolveGate(config?.gate, flags);
}

/** --allow-list, else gate.allowList, else ./wasmbench-allow.json when present, else none. */
export async function allowListFor(flag: string | undefined, gate: ResolvedGate): Promise<AllowList> {
  const explicit = flag ?? gate.allowList;
  if (explicit) return loadAllowList(resolve(explicit));
  const fallback = resolve(DEFAULT_ALLOW_LIST);
  return existsSync(fallback) ? loadAllowList(fallback) : EMPTY_ALLOW_LIST;
}

/** Where a command prints; tests pass their own to capture output without touching process.stdout. */
export interface CommandIo {
  out(text: string): void;
  err(text: string): void;
}

export const PROCESS_IO: CommandIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};
