/** Sample counts per profile. Suites read their own extra profile defaults. */
import type { ProfileName } from './types.ts';

export interface ProfileDefaults {
  iterations: number;
  warmups: number;
}

export const PROFILE_DEFAULTS: Record<ProfileName, ProfileDefaults> = {
  quick: { iterations: 5, warmups: 1 },
  standard: { iterations: 20, warmups: 3 },
  publish: { iterations: 50, warmups: 5 },
};

export const DEFAULT_STARTUP_FIXTURES: Record<ProfileName, string[]> = {
  // quick leaves out sqlite: its one-time native build alone takes ~50 s on 2 cores,
  // and quick must finish a first run on a fresh machine in under 60 s (bench/quick-profile.ts).
  quick: ['noop', 'hello', 'fib', 'call'],
  standard: ['noop', 'hello', 'fib', 'sha256', 'matmul', 'sqlite', 'call'],
  publish: ['noop', 'hello', 'fib', 'sha256', 'matmul', 'sqlite', 'call'],
};

/** Throughput suite durations per profile: a few seconds per variant for quick, >= 15 s phases otherwise. */
export const THROUGHPUT_PROFILE: Record<ProfileName, { durationMs: number; warmupMs: number; iterations: number }> = {
  quick: { durationMs: 3000, warmupMs: 1000, iterations: 1 },
  standard: { durationMs: 15_000, warmupMs: 3000, iterations: 3 },
  publish: { durationMs: 30_000, warmupMs: 5000, iterations: 5 },
};

/** Sleep-jitter defaults per profile: the original 10 x 1 s test, or 10 x 10 ms for CI smoke runs. */
export const SLEEP_JITTER_PROFILE: Record<ProfileName, { interval: string; iterations: number }> = {
  quick: { interval: '10ms', iterations: 10 },
  standard: { interval: '1s', iterations: 10 },
  publish: { interval: '1s', iterations: 10 },
};
