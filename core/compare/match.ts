/**
 * Pairing the cases of a base and a head results file. A case is known by
 * its id; in merged files (several architectures) by id and architecture,
 * so x64 is compared with x64 and ARM64 with ARM64.
 */
import { UsageError } from '../errors.ts';
import type { CaseResult, ResultsFile } from '../results/model.ts';
import { archOf, cpuModelOf } from './load.ts';

export interface CasePair {
  key: string;
  base: CaseResult | null;
  head: CaseResult | null;
  /** Set when both sides exist and were measured on different CPU models or architectures. */
  crossMachine?: { base: string; head: string };
}

function archs(file: ResultsFile): Set<string> {
  return new Set(file.cases.map((c) => archOf(c, file)));
}

/** `id` for single-machine files, `id@arch` when either side holds several architectures. */
export function keyFunction(base: ResultsFile, head: ResultsFile): (c: CaseResult, file: ResultsFile) => string {
  const byArch = archs(base).size > 1 || archs(head).size > 1;
  return byArch ? (c, file) => `${c.id}@${archOf(c, file)}` : (c) => c.id;
}

function index(
  file: ResultsFile,
  label: string,
  keyOf: (c: CaseResult, f: ResultsFile) => string,
): Map<string, CaseResult> {
  const map = new Map<string, CaseResult>();
  for (const c of file.cases) {
    const key = keyOf(c, file);
    if (map.has(key)) {
      throw new UsageError(
        `${label} holds case "${key}" twice (runs ${map.get(key)!.runId ?? '?'} and ${c.runId ?? '?'})`,
        'a merged file may hold one run per architecture; compare the runs separately',
      );
    }
    map.set(key, c);
  }
  return map;
}

function machine(c: CaseResult, file: ResultsFile): string {
  return `${archOf(c, file)} ${cpuModelOf(c, file)}`;
}

/** Every case of either file, paired by key, in base order then head-only cases. */
export function pairCases(base: ResultsFile, head: ResultsFile): CasePair[] {
  const keyOf = keyFunction(base, head);
  const baseCases = index(base, 'base', keyOf);
  const headCases = index(head, 'head', keyOf);
  const pairs: CasePair[] = [];
  for (const [key, b] of baseCases) {
    const h = headCases.get(key) ?? null;
    const pair: CasePair = { key, base: b, head: h };
    if (h && machine(b, base) !== machine(h, head))
      pair.crossMachine = { base: machine(b, base), head: machine(h, head) };
    pairs.push(pair);
  }
  for (const [key, h] of headCases) if (!baseCases.has(key)) pairs.push({ key, base: null, head: h });
  return pairs;
}

/** Refuse pairs measured on different machines unless allowed: their ratio measures the machine, not the change. */
export function assertSameMachine(pairs: readonly CasePair[]): void {
  const cross = pairs.filter((p) => p.crossMachine);
  if (cross.length === 0) return;
  const first = cross[0].crossMachine!;
  throw new UsageError(
    `${cross.length} case(s) were measured on different machines (e.g. "${cross[0].key}": base on ${first.base}, head on ${first.head}); ` +
      'a ratio between machines measures the machines, not the change',
    'compare runs from the same runner type (same-job A/B is best: `wasmbench ab`), or pass --allow-cross-machine to compare anyway',
  );
}
