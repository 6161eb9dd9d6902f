/** Human-readable tables for `compare` and `gate` (pure: report in, text out). */
import type { CompareReport, CompareRow } from '../core/compare/compare.ts';
import type { GateReport, GateRow } from '../core/compare/gate.ts';
import { formatValue, textTable } from './format.ts';

/** "1.234x" with three decimals: enough to see a 0.5% change. */
export function formatRatio(x: number): string {
  return Number.isFinite(x) ? `${x.toFixed(3)}x` : 'inf';
}

function figures(row: CompareRow): string[] {
  const c = row.comparison;
  if (!c) return ['', '', '', ''];
  return [
    formatValue(c.baseMedian, row.unit),
    formatValue(c.headMedian, row.unit),
    formatRatio(c.ratio),
    `${formatRatio(c.lo)}..${formatRatio(c.hi)}`,
  ];
}

/** What a row was compared despite: a side cut short, a changed module. */
function marks(row: CompareRow): string {
  return [
    row.incomplete ? ` (incomplete ${row.incomplete.join('+')})` : '',
    row.changedWorkload ? ' (changed workload)' : '',
  ].join('');
}

function compareVerdict(row: CompareRow): string {
  const verdict = row.comparison ? row.comparison.verdict : `${row.status}${row.reason ? `: ${row.reason}` : ''}`;
  return verdict + marks(row);
}

/** Lines saying a side was incomplete, or a workload's module changed, and it was compared anyway. */
function incompleteLines(report: CompareReport): string[] {
  return [
    ...(report.incomplete ?? []).map(
      (note) => `warning: incomplete ${note}; compared with --allow-incomplete, affected rows are marked`,
    ),
    ...(report.changedWorkloads ?? []).map(
      (note) => `warning: the module changed for ${note}; compared with --allow-changed-workload, its rows are marked`,
    ),
  ];
}

export function formatCompareTable(report: CompareReport): string {
  const rows = report.rows.map((r) => [r.key, r.metric, ...figures(r), compareVerdict(r)]);
  const ci = `${Math.round(report.confidence * 100)}% CI`;
  return [
    `base ${report.base.runId} (${report.base.path})`,
    `head ${report.head.runId} (${report.head.path})`,
    '',
    textTable(['case', 'metric', 'base median', 'head median', 'head/base', ci, 'verdict'], rows),
    '',
    `ratio of medians head/base; ${ci} by percentile bootstrap (${report.resamples} resamples, seed ${report.seed}); ` +
      'faster/slower only when the interval excludes 1',
    ...incompleteLines(report),
  ].join('\n');
}

export function verdictLabel(row: GateRow): string {
  const verdict = row.verdict + marks(row);
  return row.allowed ? `${verdict} (allowed)` : verdict;
}

export function formatGateTable(report: GateReport): string {
  const rows = report.rows.map((r) => [r.key, r.metric, ...figures(r), verdictLabel(r), r.why]);
  const table = textTable(['case', 'metric', 'base median', 'head median', 'head/base', 'CI', 'verdict', 'why'], rows);
  const expired = report.expired.map(
    (e) => `allow-list entry for ${e.case} expired on ${e.expires} and no longer applies (${e.reason})`,
  );
  return [
    report.headline,
    '',
    table,
    ...expired.map((line) => `warning: ${line}`),
    ...incompleteLines(report.compare),
  ].join('\n');
}
