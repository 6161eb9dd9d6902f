/**
 * The allow-list: accepted regressions kept in the repository, each with a
 * reason and an expiry date, so an accepted slowdown cannot hide forever.
 *
 *   { "allow": [ { "case": "startup/node/tiered/cold/*", "metric": "wallNs",
 *                  "reason": "V8 12 update, accepted in #123", "expires": "2026-12-31" } ] }
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { UsageError } from '../errors.ts';
import { matchesPattern } from './pattern.ts';

export const allowEntrySchema = z
  .object({
    /** Case id; `*` matches any run of characters. */
    case: z.string().min(1),
    /** Only this metric. @default every metric of the case */
    metric: z.string().min(1).optional(),
    reason: z.string().min(3, { error: 'say why the regression is accepted' }),
    /** Last day (UTC, inclusive) the entry applies. */
    expires: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'use YYYY-MM-DD' }),
  })
  .strict();

export const allowListSchema = z
  .object({
    $schema: z.string().optional(),
    allow: z.array(allowEntrySchema),
  })
  .strict();

export type AllowEntry = z.infer<typeof allowEntrySchema>;

export interface AllowList {
  path: string | null;
  entries: AllowEntry[];
}

export const EMPTY_ALLOW_LIST: AllowList = { path: null, entries: [] };

/** Read and validate; a bad file is a usage error (exit 2) listing each problem. */
export async function loadAllowList(path: string): Promise<AllowList> {
  const text = await readFile(path, 'utf8').catch((err: Error) => {
    throw new UsageError(
      `cannot read allow-list ${path}: ${err.message}`,
      'fix gate.allowList / --allow-list, or remove it',
    );
  });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new UsageError(
      `allow-list ${path} is not valid JSON: ${(err as Error).message}`,
      'see docs/ci-gate.md for the format',
    );
  }
  const parsed = allowListSchema.safeParse(data);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.map(String).join('.') || '(top level)'}: ${i.message}`);
    throw new UsageError(
      `invalid allow-list ${path}:\n${lines.join('\n')}`,
      'each entry needs "case", "reason" and "expires" (YYYY-MM-DD); see docs/ci-gate.md',
    );
  }
  return { path, entries: parsed.data.allow };
}

export interface AllowMatch {
  entry: AllowEntry;
  expired: boolean;
}

/** The first entry covering this case and metric (an expired one is returned flagged, and does not apply). */
export function findAllowance(list: AllowList, caseId: string, metric: string, today: string): AllowMatch | null {
  const matching = list.entries.filter(
    (e) => matchesPattern(e.case, caseId) && (e.metric === undefined || metric === '' || e.metric === metric),
  );
  const live = matching.find((e) => e.expires >= today);
  if (live) return { entry: live, expired: false };
  return matching.length ? { entry: matching[0], expired: true } : null;
}
