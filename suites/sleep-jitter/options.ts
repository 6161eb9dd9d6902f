/**
 * The sleep-jitter options with profile defaults applied, and the cases they
 * imply: the main interval per deadline mode plus the small edge cases.
 */
import { availableParallelism } from 'node:os';
import { SLEEP_JITTER_PROFILE } from '../../core/config/profiles.ts';
import type { ResolvedConfig } from '../../core/config/types.ts';
import { formatInterval, parseInterval } from '../../core/config/interval.ts';

export type Deadline = 'relative' | 'absolute';

export interface ResolvedSleepJitter {
  intervalNs: number;
  /** Wakeups per guest process (each one an overshootNs sample). */
  wakeups: number;
  /** Guest processes per case (the measuring loop's samples). */
  processes: number;
  deadlines: Deadline[];
  load: 'none' | 'cpu';
  /** Spinning worker threads under `--load cpu`: one per core but one. */
  loadWorkers: number;
  edgeCases: boolean;
  references: boolean;
}

/** The edge-case intervals: a zero-length sleep (some runtimes hang) and two sub-millisecond sleeps. */
export const EDGE_INTERVALS_NS = [0, 100_000, 500_000] as const;

export function resolveSleepJitter(config: ResolvedConfig): ResolvedSleepJitter {
  const user = config.sleepJitter ?? {};
  const profile = SLEEP_JITTER_PROFILE[config.profile];
  const deadline = user.deadline ?? 'relative';
  const load = user.load ?? 'none';
  return {
    intervalNs: parseInterval(user.interval ?? profile.interval, 'sleepJitter.interval'),
    wakeups: user.iterations ?? profile.iterations,
    processes: user.processes ?? 1,
    deadlines: deadline === 'both' ? ['relative', 'absolute'] : [deadline],
    load,
    loadWorkers: load === 'cpu' ? Math.max(1, availableParallelism() - 1) : 0,
    edgeCases: user.edgeCases ?? true,
    references: user.references ?? true,
  };
}

/** One sleep configuration to run on every runtime: deadline mode and interval. */
export interface SleepVariant {
  deadline: Deadline;
  intervalNs: number;
  edge: boolean;
  /** Case id segment, e.g. "relative-1.5ms". */
  id: string;
}

export function sleepVariants(options: ResolvedSleepJitter): SleepVariant[] {
  const variants: SleepVariant[] = [];
  for (const deadline of options.deadlines) {
    // With absolute deadlines a zero interval makes every deadline the start time: no sleep at all, so that edge is relative only.
    const edges = EDGE_INTERVALS_NS.filter((ns) => ns !== options.intervalNs && !(ns === 0 && deadline === 'absolute'));
    const intervals = [options.intervalNs, ...(options.edgeCases ? edges : [])];
    for (const intervalNs of intervals) {
      const edge = intervalNs !== options.intervalNs;
      variants.push({ deadline, intervalNs, edge, id: `${deadline}-${formatInterval(intervalNs)}` });
    }
  }
  return variants;
}

/** Params shared by every row of one variant, so reports put them in the same panel. */
export function variantParams(variant: SleepVariant, options: ResolvedSleepJitter): Record<string, unknown> {
  return {
    deadline: variant.deadline,
    intervalNs: variant.intervalNs,
    wakeups: options.wakeups,
    processes: options.processes,
    load: options.load,
    ...(options.load === 'cpu' ? { loadWorkers: options.loadWorkers } : {}),
  };
}

/** Guest argv (after the program name) for one variant. */
export function guestArgs(variant: SleepVariant, wakeups: number): string[] {
  return [variant.deadline, String(variant.intervalNs), String(wakeups)];
}

/**
 * The guest's checked stdout for these arguments. The format is fixed by
 * fixtures/wasm/sleep/main.c; the native build's output for the fixture's
 * defaultArgs (expected.stdout, written by the build script) is the oracle
 * this function is checked against when the suite plans (see expected.ts).
 */
export function expectedStdout(variant: SleepVariant, wakeups: number): string {
  return `slept ${wakeups} x ${variant.intervalNs} ns, ${variant.deadline} deadlines\n`;
}

/**
 * Per-process timeout: twice the requested sleeping time plus a startup
 * allowance (the general timeout, capped at 10 s), so a runtime that hangs
 * on a zero-length or an absolute sleep costs seconds, not a minute.
 */
export const STARTUP_ALLOWANCE_MS = 10_000;

export function processTimeoutMs(intervalNs: number, wakeups: number, configTimeoutMs: number): number {
  return Math.ceil((2 * intervalNs * wakeups) / 1e6) + Math.min(configTimeoutMs, STARTUP_ALLOWANCE_MS);
}
