/**
 * A user workload across two runs. Its cases pair by the workload's name
 * (the case id holds the name, never the module's path), so the same module
 * given by another path, or from another checkout, still pairs. The module
 * itself is known by its sha256 (core/workloads/provenance.ts): two
 * different modules under one name are refused, because their ratio would
 * measure the change of module, not the change of runtime.
 */
import { UsageError } from '../errors.ts';
import type { CaseResult } from '../results/model.ts';
import type { CasePair } from './match.ts';

export interface WorkloadSide {
  /** Full sha256 of the module the side ran. */
  sha256: string;
  /** The module's path as the user gave it. */
  path: string;
}

/** One workload whose module differs between base and head. */
export interface ChangedWorkload {
  name: string;
  base: WorkloadSide;
  head: WorkloadSide;
}

/** The first 12 hex digits: enough to tell two modules apart in a message. */
export function shortHash(sha256: string): string {
  return sha256.slice(0, 12);
}

function side(c: CaseResult): WorkloadSide | null {
  return c.workload ? { sha256: c.workload.sha256, path: c.workload.wasmPath } : null;
}

/** The change of module behind a pair, or null when both sides ran the same module (or either side records none). */
export function changedWorkload(pair: CasePair): ChangedWorkload | null {
  const base = pair.base ? side(pair.base) : null;
  const head = pair.head ? side(pair.head) : null;
  if (!base || !head || base.sha256 === head.sha256) return null;
  return { name: pair.head!.workload!.name, base, head };
}

/** Each changed workload once, in pair order. */
export function changedWorkloads(pairs: readonly CasePair[]): ChangedWorkload[] {
  const byName = new Map<string, ChangedWorkload>();
  for (const pair of pairs) {
    const changed = changedWorkload(pair);
    if (changed && !byName.has(changed.name)) byName.set(changed.name, changed);
  }
  return [...byName.values()];
}

/** `workload "app": base ran a/app.wasm (sha256 0123456789ab), head ran b/app.wasm (sha256 ba9876543210)`. */
export function describeChange(w: ChangedWorkload): string {
  return (
    `workload "${w.name}": base ran ${w.base.path} (sha256 ${shortHash(w.base.sha256)}), ` +
    `head ran ${w.head.path} (sha256 ${shortHash(w.head.sha256)})`
  );
}

/** Refuse (exit 2) when a workload's module differs between base and head, unless allowed. */
export function assertSameWorkloads(pairs: readonly CasePair[]): void {
  const changed = changedWorkloads(pairs);
  if (changed.length === 0) return;
  const more =
    changed.length > 1 ? `; and ${changed.length - 1} more: ${changed.slice(1).map(describeChange).join('; ')}` : '';
  throw new UsageError(
    `the module changed between base and head for ${describeChange(changed[0])}${more}; ` +
      'a ratio between two different modules measures the module, not the runtime',
    'pass --allow-changed-workload to compare anyway (its rows are marked), or give the new module another workload name',
  );
}
