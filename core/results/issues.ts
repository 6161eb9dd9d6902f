/**
 * Schema problems in words: each names where in the file it is (the JSON
 * path, e.g. `cases[3].metrics.wallNs.samples[0]`, and the case and metric it
 * belongs to) and what was found there, so a user can open the file and fix it.
 */
import type { z } from 'zod';

/** Problems listed in one error; the rest are counted. */
const MAX_LISTED = 5;

/** `cases[3].metrics.wallNs.samples[0]`; keys that are not identifiers are quoted. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(String(key))) out += `${out ? '.' : ''}${String(key)}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out || '(top level)';
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path)
    value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

/** A found value, short: strings and numbers as JSON, containers by kind. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing (the key is missing)';
  if (Array.isArray(value)) return 'an array';
  if (value !== null && typeof value === 'object') return 'an object';
  const json = JSON.stringify(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

const ARTICLE: Record<string, string> = {
  number: 'a number',
  string: 'a string',
  object: 'an object',
  array: 'an array',
  boolean: 'true or false',
  int: 'an integer',
};

function problem(issue: z.core.$ZodIssue, found: unknown): string {
  const got = `got ${describeValue(found)}`;
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${ARTICLE[issue.expected] ?? issue.expected}, ${got}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `expected ${JSON.stringify(issue.values[0])}, ${got}`
        : `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}; ${got}`;
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options;
      return options?.length
        ? `expected one of ${options.map((v) => JSON.stringify(v)).join(', ')}; ${got}`
        : `${issue.message}; ${got}`;
    }
    case 'too_small':
    case 'too_big':
    case 'invalid_format':
      return `${issue.message.replace(/^Invalid input: /, '').replace(/^Too (small|big): /, '')}; ${got}`;
    default:
      return `${issue.message}; ${got}`;
  }
}

/** `case "startup/node/tiered/cold/noop" metric "wallNs" sample 3`, said before the path when it is inside a case. */
function context(input: unknown, path: readonly PropertyKey[]): string {
  if (path[0] !== 'cases' || typeof path[1] !== 'number') return '';
  const id = valueAt(input, path.slice(0, 2).concat('id'));
  let where = typeof id === 'string' && id !== '' ? `case ${JSON.stringify(id)}` : `case #${path[1]}`;
  if (path[2] === 'metrics' && path.length > 3) where += ` metric ${JSON.stringify(String(path[3]))}`;
  if (path[4] === 'samples' && typeof path[5] === 'number') where += ` sample ${path[5]}`;
  return where;
}

/** One problem: `case "x" metric "wallNs" sample 3, at cases[0].metrics.wallNs.samples[3]: expected a number, got "fast"`. */
export function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const where = context(input, issue.path);
  const path = jsonPath(issue.path);
  return `${where ? `${where}, at ${path}` : path}: ${problem(issue, valueAt(input, issue.path))}`;
}

/** Every problem of a failed parse, one per line after the first; at most MAX_LISTED. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], input: unknown): string {
  const lines = issues.slice(0, MAX_LISTED).map((i) => describeIssue(i, input));
  if (issues.length > MAX_LISTED) lines.push(`...and ${issues.length - MAX_LISTED} more`);
  return lines.length === 1 ? lines[0] : `${issues.length} problems:\n${lines.map((l) => `  - ${l}`).join('\n')}`;
}
