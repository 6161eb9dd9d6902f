/**
 * The throughput suite's options with profile defaults applied, and where the
 * server and the load generator run (CPU pinning).
 */
import { availableParallelism } from 'node:os';
import { THROUGHPUT_PROFILE } from '../../core/config/profiles.ts';
import { THROUGHPUT_VARIANTS, type ResolvedConfig, type ThroughputVariant } from '../../core/config/types.ts';

export interface ResolvedThroughput {
  variants: ThroughputVariant[];
  /** True when the user listed the variants (wasmtime-serve then shows up even without --runtime wasmtime). */
  variantsExplicit: boolean;
  connections: number;
  durationMs: number;
  warmupMs: number;
  iterations: number;
  rateFraction: number;
  ratePerSec: number | null;
  rounds: number;
  requestTimeoutMs: number;
  pin: boolean;
}

export const DEFAULT_CONNECTIONS = 16;
export const DEFAULT_RATE_FRACTION = 0.5;
export const DEFAULT_ROUNDS = 16;
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

export function resolveThroughput(config: ResolvedConfig): ResolvedThroughput {
  const user = config.throughput ?? {};
  const profile = THROUGHPUT_PROFILE[config.profile];
  return {
    variants: user.variants ?? [...THROUGHPUT_VARIANTS],
    variantsExplicit: user.variants !== undefined,
    connections: user.connections ?? DEFAULT_CONNECTIONS,
    durationMs: user.durationMs ?? profile.durationMs,
    warmupMs: user.warmupMs ?? profile.warmupMs,
    iterations: user.iterations ?? profile.iterations,
    rateFraction: user.rateFraction ?? DEFAULT_RATE_FRACTION,
    ratePerSec: user.ratePerSec ?? null,
    rounds: user.rounds ?? DEFAULT_ROUNDS,
    requestTimeoutMs: user.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    pin: user.pin ?? true,
  };
}

/** CPU lists for taskset; null means "not pinned". */
export interface CpuPlan {
  server: string | null;
  client: string | null;
  /** Why nothing is pinned, when it is not. */
  reason?: string;
}

/**
 * Server on the first half of the CPUs, load generator on the second half, so
 * they never compete for a core (on 2 CPUs: server on 0, client on 1).
 */
export function planCpus(pin: boolean, tasksetPath: string | null, cpus = availableParallelism()): CpuPlan {
  if (!pin) return { server: null, client: null, reason: 'pinning disabled (throughput.pin: false)' };
  if (!tasksetPath) return { server: null, client: null, reason: 'taskset not found (apt-get install util-linux)' };
  if (cpus < 2) return { server: null, client: null, reason: `only ${cpus} CPU: server and client share it` };
  const half = Math.floor(cpus / 2);
  const range = (lo: number, hi: number) => (lo === hi ? String(lo) : `${lo}-${hi}`);
  return { server: range(0, half - 1), client: range(half, cpus - 1) };
}

/** How many CPUs a taskset list such as "1" or "2-3" names. */
export function cpuCount(list: string): number {
  const [lo, hi = lo] = list.split('-').map(Number);
  return hi - lo + 1;
}

/** argv prefixed with taskset when a CPU list is given. */
export function pinned(argv: string[], cpus: string | null, tasksetPath: string | null): string[] {
  return cpus && tasksetPath ? [tasksetPath, '-c', cpus, ...argv] : argv;
}
