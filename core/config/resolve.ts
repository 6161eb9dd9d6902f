/**
 * Resolution: embedded defaults < profile < config file < command line.
 * Both inputs are validated by the same schema, so a bad `--suite` and a bad
 * config key get the same kind of message.
 */
import { randomInt } from 'node:crypto';
import { DEFAULT_STARTUP_FIXTURES, PROFILE_DEFAULTS } from './profiles.ts';
import type { ResolvedConfig, UserConfig } from './types.ts';

/** Later layers win, field by field; nested suite sections merge shallowly. */
export function mergeConfigs(...layers: (UserConfig | undefined)[]): UserConfig {
  const merged: UserConfig = {};
  for (const layer of layers) {
    if (!layer) continue;
    for (const [key, value] of Object.entries(layer) as [keyof UserConfig, unknown][]) {
      if (value === undefined) continue;
      const previous = merged[key];
      const bothObjects = isPlainObject(previous) && isPlainObject(value);
      (merged as Record<string, unknown>)[key] = bothObjects ? { ...previous, ...value } : value;
    }
  }
  return merged;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function resolveConfig(
  user: UserConfig,
  options: { source: string | null; runId: string; seed?: () => number; workloadsBaseDir?: string } = {
    source: null,
    runId: 'run',
  },
): ResolvedConfig {
  const profile = user.profile ?? 'standard';
  const defaults = PROFILE_DEFAULTS[profile];
  return {
    suites: user.suites ?? ['startup'],
    runtimes: user.runtimes ?? ['node', 'native'],
    modes: user.modes ?? null,
    cacheStates: user.cacheStates ?? null,
    profile,
    iterations: user.iterations ?? defaults.iterations,
    warmups: user.warmups ?? defaults.warmups,
    timeoutMs: user.timeoutMs ?? 60_000,
    seed: user.seed ?? (options.seed ?? (() => randomInt(0, 2 ** 31)))(),
    out: user.out ?? `results/${options.runId}`,
    timing: user.timing ?? 'auto',
    startup: { fixtures: user.startup?.fixtures ?? DEFAULT_STARTUP_FIXTURES[profile] },
    ...(user.throughput ? { throughput: user.throughput } : {}),
    // sleep-jitter: an explicit top-level `iterations` means wakeups per process there (docs/sleep-jitter.md).
    ...(user.sleepJitter || user.iterations !== undefined
      ? { sleepJitter: { ...user.sleepJitter, iterations: user.sleepJitter?.iterations ?? user.iterations } }
      : {}),
    workloads: user.workloads ?? [],
    workloadsBaseDir: options.workloadsBaseDir ?? process.cwd(),
    source: options.source,
  };
}
