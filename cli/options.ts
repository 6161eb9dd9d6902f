/** Turning command-line flags into a config layer, validated like a config file. */
import { UsageError } from '../core/errors.ts';
import { validateUserConfig } from '../core/config/schema.ts';
import type { UserConfig } from '../core/config/types.ts';
import { parseInterval } from '../core/config/interval.ts';
import { intFlag } from './int-flag.ts';

export interface RunFlags {
  suite?: string;
  runtime?: string;
  mode?: string;
  cacheState?: string;
  profile?: string;
  out?: string;
  iterations?: string;
  warmups?: string;
  seed?: string;
  timeoutMs?: string;
  fixture?: string;
  timing?: string;
  /** sleep-jitter: requested sleep per wakeup (`1.5ms`). */
  interval?: string;
  /** sleep-jitter: `relative`, `absolute` or `both`. */
  deadline?: string;
  /** sleep-jitter: `none` or `cpu`. */
  load?: string;
  /** `--wasm FILE|DIR`, repeatable: the user's own modules. */
  wasm?: string[];
  /** Operands after `--`: guest args for every --wasm module. */
  guestArgs?: string[];
  /** Every --wasm module is a CGI handler: the throughput suite's `cgi` variant runs it. */
  cgi?: boolean;
}

/** The sleep-jitter flags as a config section; undefined when none is given. */
function sleepJitterFlags(flags: RunFlags): Record<string, unknown> | undefined {
  if (flags.interval !== undefined) parseInterval(flags.interval);
  const section = { interval: flags.interval, deadline: flags.deadline, load: flags.load };
  const defined = Object.fromEntries(Object.entries(section).filter(([, v]) => v !== undefined));
  return Object.keys(defined).length ? defined : undefined;
}

function list(value: string | undefined): string[] | undefined {
  return value === undefined
    ? undefined
    : value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
}

/** Flags as a config layer; undefined fields leave the config file's values alone. */
export function flagsToConfig(flags: RunFlags): UserConfig {
  if (flags.guestArgs?.length && !flags.wasm?.length) {
    throw new UsageError(
      `guest arguments after -- (${flags.guestArgs.join(' ')}) need --wasm`,
      'e.g. wasmbench run --wasm app.wasm -- 1000',
    );
  }
  if (flags.cgi && !flags.wasm?.length)
    throw new UsageError(
      '--cgi needs --wasm',
      'e.g. wasmbench run --suite throughput --wasm handler.wasm --cgi -- cgi',
    );
  const layer: Record<string, unknown> = {
    suites: list(flags.suite),
    runtimes: list(flags.runtime),
    modes: list(flags.mode),
    cacheStates: list(flags.cacheState),
    profile: flags.profile,
    out: flags.out,
    iterations: intFlag('iterations', flags.iterations),
    warmups: intFlag('warmups', flags.warmups),
    seed: intFlag('seed', flags.seed),
    timeoutMs: intFlag('timeout-ms', flags.timeoutMs),
    timing: flags.timing,
    startup: flags.fixture ? { fixtures: list(flags.fixture) } : undefined,
    sleepJitter: sleepJitterFlags(flags),
    workloads: flags.wasm?.length
      ? flags.wasm.map((wasm) => ({ wasm, args: flags.guestArgs ?? [], ...(flags.cgi ? { cgi: true } : {}) }))
      : undefined,
  };
  const defined = Object.fromEntries(Object.entries(layer).filter(([, v]) => v !== undefined));
  return validateUserConfig(defined, 'the command line');
}
