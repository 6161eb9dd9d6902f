/**
 * `gate`: turns a compare report into per-row verdicts and one exit code.
 * A crash, a missing case or a missing measurement is an error (exit 1),
 * never a regression; a confirmed regression is exit 3; too noisy to say is
 * exit 4. The most serious wins: error, then regression, then inconclusive.
 */
import { EXIT, type ExitCode } from '../errors.ts';
import { decideGate, type GateThresholds, type GateVerdict } from '../../stats/gate.ts';
import { findAllowance, type AllowEntry, type AllowList } from './allow-list.ts';
import type { CompareReport, CompareRow } from './compare.ts';
import { thresholdsFor, type ResolvedGate } from './thresholds.ts';
import { shortHash } from './workload-identity.ts';

/** Verdicts of a row: the statistical ones plus what the data allowed. */
export type RowVerdict = GateVerdict | 'error' | 'skipped' | 'new';

export interface GateRow extends CompareRow {
  verdict: RowVerdict;
  /** Why, in one sentence. */
  why: string;
  thresholds?: GateThresholds;
  /** An allow-list entry accepted this row's failure; it does not count. */
  allowed?: AllowEntry;
}

export interface GateReport {
  compare: CompareReport;
  rows: GateRow[];
  exitCode: ExitCode;
  counts: Record<RowVerdict, number>;
  /** Allow-list entries that matched a row but have expired. */
  expired: AllowEntry[];
  /** The one-line verdict printed first everywhere. */
  headline: string;
}

const FAILING: RowVerdict[] = ['error', 'regressed', 'inconclusive'];

export function evaluateGate(
  report: CompareReport,
  gate: ResolvedGate,
  allowList: AllowList,
  today: string,
): GateReport {
  const expired: AllowEntry[] = [];
  const rows = report.rows.map((row) => {
    const judged = judge(row, gate);
    if (!FAILING.includes(judged.verdict) && judged.verdict !== 'warn') return judged;
    const match = findAllowance(allowList, row.caseId, row.metric, today);
    if (!match) return judged;
    if (match.expired) {
      if (!expired.includes(match.entry)) expired.push(match.entry);
      return judged;
    }
    return { ...judged, allowed: match.entry };
  });
  const counts = countVerdicts(rows);
  const exitCode = exitCodeOf(rows);
  return { compare: report, rows, exitCode, counts, expired, headline: headline(exitCode, rows, counts) };
}

function judge(row: CompareRow, gate: ResolvedGate): GateRow {
  const judged = judgeRow(row, gate);
  const notes = [
    row.incomplete
      ? `incomplete: the ${row.incomplete.join(' and ')} run stopped before this case had all its samples`
      : '',
    row.changedWorkload
      ? `changed workload: base sha256 ${shortHash(row.changedWorkload.base.sha256)} (${row.changedWorkload.base.path}), ` +
        `head sha256 ${shortHash(row.changedWorkload.head.sha256)} (${row.changedWorkload.head.path}), compared with --allow-changed-workload`
      : '',
  ].filter(Boolean);
  return notes.length ? { ...judged, why: [judged.why, ...notes].join('; ') } : judged;
}

function judgeRow(row: CompareRow, gate: ResolvedGate): GateRow {
  switch (row.status) {
    case 'compared': {
      const c = row.comparison!;
      const thresholds = thresholdsFor(gate, row);
      const d = decideGate(c.worse, thresholds, { base: c.nBase, head: c.nHead }, gate.minSamples);
      return { ...row, verdict: d.verdict, why: d.reason, thresholds };
    }
    case 'errored':
      return { ...row, verdict: 'error', why: `errored (${row.reason}); a crash is not a measurement` };
    case 'missing-in-head':
      return { ...row, verdict: 'error', why: `${row.reason}; if it was removed on purpose, add it to the allow-list` };
    case 'new-in-head':
      return { ...row, verdict: 'new', why: row.reason ?? 'only in head' };
    case 'not-comparable':
      return { ...row, verdict: 'skipped', why: row.reason ?? 'not comparable' };
    case 'skipped':
      return { ...row, verdict: 'skipped', why: row.reason ?? 'skipped' };
  }
}

function countVerdicts(rows: readonly GateRow[]): Record<RowVerdict, number> {
  const counts: Record<RowVerdict, number> = {
    pass: 0,
    improved: 0,
    warn: 0,
    regressed: 0,
    inconclusive: 0,
    error: 0,
    skipped: 0,
    new: 0,
  };
  for (const r of rows) counts[r.verdict]++;
  return counts;
}

/** Rows that decide the exit code: failing verdicts not covered by a live allow-list entry. */
export function blocking(rows: readonly GateRow[], verdict: RowVerdict): GateRow[] {
  return rows.filter((r) => r.verdict === verdict && !r.allowed);
}

function exitCodeOf(rows: readonly GateRow[]): ExitCode {
  if (blocking(rows, 'error').length) return EXIT.measurementError;
  if (blocking(rows, 'regressed').length) return EXIT.regression;
  if (blocking(rows, 'inconclusive').length) return EXIT.inconclusive;
  return EXIT.ok;
}

function names(rows: readonly GateRow[]): string {
  const shown = rows.slice(0, 3).map((r) => `${r.key}${r.metric ? ` ${r.metric}` : ''}`);
  return shown.join(', ') + (rows.length > 3 ? ` and ${rows.length - 3} more` : '');
}

function headline(exitCode: ExitCode, rows: readonly GateRow[], counts: Record<RowVerdict, number>): string {
  const tally =
    `${counts.pass + counts.improved + counts.warn} passed (${counts.improved} faster, ${counts.warn} warnings), ` +
    `${counts.regressed} regressed, ${counts.inconclusive} inconclusive, ${counts.error} errors, ${counts.skipped} skipped`;
  switch (exitCode) {
    case EXIT.measurementError:
      return `ERROR: ${blocking(rows, 'error').length} case(s) could not be compared: ${names(blocking(rows, 'error'))}. ${tally}`;
    case EXIT.regression:
      return `REGRESSION: ${names(blocking(rows, 'regressed'))} confirmed slower. ${tally}`;
    case EXIT.inconclusive:
      return `INCONCLUSIVE: too noisy to decide ${names(blocking(rows, 'inconclusive'))}. ${tally}`;
    default:
      return `PASS: no confirmed regression. ${tally}`;
  }
}
