/**
 * Validation of user config: every problem is reported at once, each naming
 * the key and how to fix it.
 */
import { z } from 'zod';
import { CACHE_STATES, MODES } from '../../runners/types.ts';
import { RUNTIME_IDS } from '../../runners/ids.ts';
import { SUITE_IDS } from '../results/model.ts';
import { UsageError } from '../errors.ts';
import { PROFILES, SLEEP_DEADLINES, THROUGHPUT_VARIANTS, type UserConfig } from './types.ts';
import { intervalProblem } from './interval.ts';

const nonEmptyList = <T extends z.ZodTypeAny>(item: T) => z.array(item).min(1, { error: 'must list at least one entry' });

const gateThresholdShape = {
  noisePct: z.number().min(0).max(1000).optional(),
  warnPct: z.number().min(0).max(1000).optional(),
  failPct: z.number().min(0).max(1000).optional(),
};

/** `gate` section: see GateOptions in types.ts. */
export const gateOptionsSchema = z
  .object({
    ...gateThresholdShape,
    metrics: nonEmptyList(z.string().min(1)).optional(),
    overrides: z.array(z.object({
      ...gateThresholdShape,
      suite: z.string().min(1).optional(),
      case: z.string().min(1).optional(),
      metric: z.string().min(1).optional(),
    }).strict()).optional(),
    allowList: z.string().min(1).optional(),
    confidencePct: z.number().gt(50).lt(100).optional(),
    resamples: z.number().int().min(100).max(1_000_000).optional(),
    minSamples: z.number().int().min(1).max(100_000).optional(),
  })
  .strict();

export const userConfigSchema = z
  .object({
    suites: nonEmptyList(z.enum(SUITE_IDS)).optional(),
    runtimes: nonEmptyList(z.enum(RUNTIME_IDS)).optional(),
    modes: nonEmptyList(z.enum(MODES)).optional(),
    cacheStates: nonEmptyList(z.enum(CACHE_STATES)).optional(),
    profile: z.enum(PROFILES).optional(),
    iterations: z.number().int().min(1).max(100_000).optional(),
    warmups: z.number().int().min(0).max(10_000).optional(),
    timeoutMs: z.number().int().min(1).max(24 * 3600 * 1000).optional(),
    seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
    out: z.string().min(1).optional(),
    timing: z.enum(['auto', 'wait4-helper', 'node-spawn']).optional(),
    startup: z.object({ fixtures: nonEmptyList(z.string().min(1)).optional() }).strict().optional(),
    throughput: z.object({
      variants: nonEmptyList(z.enum(THROUGHPUT_VARIANTS)).optional(),
      connections: z.number().int().min(1).max(10_000).optional(),
      durationMs: z.number().int().min(1000).max(3_600_000).optional(),
      warmupMs: z.number().int().min(0).max(3_600_000).optional(),
      iterations: z.number().int().min(1).max(1000).optional(),
      rateFraction: z.number().gt(0).max(1).optional(),
      ratePerSec: z.number().int().min(1).max(10_000_000).optional(),
      rounds: z.number().int().min(1).max(1_000_000).optional(),
      requestTimeoutMs: z.number().int().min(1).max(3_600_000).optional(),
      pin: z.boolean().optional(),
    }).strict().optional(),
    gate: gateOptionsSchema.optional(),
    sleepJitter: z.object({
      interval: z.string().superRefine((text, ctx) => {
        const problem = intervalProblem(text);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }).optional(),
      iterations: z.number().int().min(1).max(1_000_000).optional(),
      processes: z.number().int().min(1).max(10_000).optional(),
      deadline: z.enum(SLEEP_DEADLINES).optional(),
      load: z.enum(['none', 'cpu']).optional(),
      edgeCases: z.boolean().optional(),
      references: z.boolean().optional(),
    }).strict().optional(),
  })
  .strict();

/** Keys other modules (suites landing later) may add to the schema. */
export type ConfigSchema = typeof userConfigSchema;

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) value = (value as Record<PropertyKey, unknown> | undefined)?.[key];
  return value;
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const key = issue.path.length ? issue.path.map(String).join('.') : '(top level)';
  switch (issue.code) {
    case 'unrecognized_keys':
      return `${key}: unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}; remove or rename them (see the UserConfig type in core/config/types.ts)`;
    case 'invalid_value':
      return `${key}: got ${JSON.stringify(valueAt(input, issue.path))}; use one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return `${key}: ${issue.message}`;
  }
}

/** Parse and validate; throws a UsageError (exit 2) listing every problem. */
export function validateUserConfig(input: unknown, source: string): UserConfig {
  const parsed = userConfigSchema.safeParse(input);
  if (parsed.success) return parsed.data as UserConfig;
  const lines = parsed.error.issues.map((i) => `  - ${describeIssue(i, input)}`);
  return invalid(source, lines);
}

function invalid(source: string, lines: string[]): never {
  throw new UsageError(
    `invalid configuration in ${source} (${lines.length} problem${lines.length === 1 ? '' : 's'}):\n${lines.join('\n')}`,
    'correct the keys above; every option is documented with its default in core/config/types.ts',
  );
}
