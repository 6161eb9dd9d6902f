/**
 * Whether a run measured anything, and which requested runtimes it could
 * not use: a CI job must not go green with nothing measured (exit 1 with the
 * reason per runtime), and a runtime the user asked for that is missing or
 * broken is a warning on the console and in summary.md.
 */
import type { ResultsFile, RuntimeRecord } from './model.ts';

export type Unavailability = 'not-installed' | 'broken';

/** A runtime record or detection that was not available. */
interface Unavailable {
  problem?: Unavailability;
  path?: string | null;
}

/** Found on the machine but failing its probe is "broken"; not found is "not installed". Older files lack `problem`: a path means it was found. */
export function unavailability(d: Unavailable): Unavailability {
  return d.problem ?? (d.path ? 'broken' : 'not-installed');
}

export function unavailabilityLabel(d: Unavailable): string {
  return unavailability(d) === 'broken' ? 'installed but broken' : 'not installed';
}

/** One line per requested runtime that could not be used. */
export function unavailableRuntimeWarnings(file: ResultsFile): string[] {
  return (file.runtimes ?? []).filter((r) => !r.available).map(runtimeLine);
}

function runtimeLine(r: RuntimeRecord): string {
  return `${r.id}: ${unavailabilityLabel(r)}: ${r.reason ?? 'no reason recorded'}${r.install ? ` (${r.install})` : ''}`;
}

const MAX_REASONS_PER_RUNTIME = 3;

/**
 * Null when at least one case was measured (status ok); else why not, one
 * line per requested runtime and per suite that planned no case.
 */
export function nothingMeasuredReasons(file: ResultsFile): string[] | null {
  if (file.cases.some((c) => c.status === 'ok')) return null;
  const lines: string[] = [];
  const suites = (file.config as { suites?: unknown }).suites;
  for (const suite of Array.isArray(suites) ? suites.map(String) : []) {
    if (!file.cases.some((c) => c.suite === suite)) lines.push(`suite ${suite}: planned no case`);
  }
  for (const r of file.runtimes ?? []) {
    if (!r.available) {
      lines.push(runtimeLine(r));
      continue;
    }
    const reasons = [...new Set(file.cases.filter((c) => c.runtime === r.id).map((c) => c.reason ?? c.status))];
    if (reasons.length === 0) lines.push(`${r.id}: no case planned`);
    else
      lines.push(
        `${r.id}: ${reasons.slice(0, MAX_REASONS_PER_RUNTIME).join('; ')}${reasons.length > MAX_REASONS_PER_RUNTIME ? `; and ${reasons.length - MAX_REASONS_PER_RUNTIME} more` : ''}`,
      );
  }
  const others = file.cases.filter((c) => !(file.runtimes ?? []).some((r) => r.id === c.runtime));
  for (const c of others) lines.push(`${c.id}: ${c.reason ?? c.status}`);
  return lines.length ? lines : ['no case was planned'];
}
