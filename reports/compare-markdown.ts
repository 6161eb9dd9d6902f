/**
 * The gate's Markdown for $GITHUB_STEP_SUMMARY: the verdict line first, the
 * cases that need attention in a table, unchanged ones folded in <details>.
 * GitHub rejects a step summary over 1 MiB, so rows are capped and the
 * output is cut well below that.
 */
import type { GateReport, GateRow } from '../core/compare/gate.ts';
import { signedPct } from '../stats/gate.ts';
import { formatValue } from './format.ts';
import { formatRatio, verdictLabel } from './compare-table.ts';

/** Keep the summary far below GitHub's 1 MiB limit. @default 256 KiB */
export const MAX_SUMMARY_BYTES = 256 * 1024;
const MAX_ROWS_PER_TABLE = 200;

const ICON: Record<string, string> = {
  regressed: ':x:',
  error: ':boom:',
  inconclusive: ':grey_question:',
  warn: ':warning:',
  improved: ':rocket:',
  pass: ':white_check_mark:',
  skipped: ':fast_forward:',
  new: ':new:',
};

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function tableRow(r: GateRow): string {
  const c = r.comparison;
  const change = c ? `${signedPct(c.ratio - 1)} (${signedPct(c.lo - 1)} .. ${signedPct(c.hi - 1)})` : '';
  const medians = c ? `${formatValue(c.baseMedian, r.unit)} → ${formatValue(c.headMedian, r.unit)}` : '';
  const why = r.allowed ? `${r.why}; allowed until ${r.allowed.expires}: ${r.allowed.reason}` : r.why;
  return `| ${ICON[r.verdict] ?? ''} ${verdictLabel(r)} | \`${cell(r.key)}\` | ${cell(r.metric)} | ${medians} | ${c ? formatRatio(c.ratio) : ''} | ${change} | ${cell(why)} |`;
}

function table(rows: readonly GateRow[]): string[] {
  const shown = rows.slice(0, MAX_ROWS_PER_TABLE).map(tableRow);
  const more =
    rows.length > shown.length
      ? [
          `\n_${rows.length - shown.length} more row(s) left out; run \`wasmbench gate\` locally or read the JSON for all._`,
        ]
      : [];
  return [
    '| verdict | case | metric | median base → head | head/base | change (95% CI) | why |',
    '|---|---|---|---|---|---|---|',
    ...shown,
    ...more,
  ];
}

const ATTENTION = new Set(['regressed', 'error', 'inconclusive', 'warn', 'improved', 'new']);

export function gateMarkdown(report: GateReport, options: { title?: string } = {}): string {
  const attention = report.rows.filter((r) => ATTENTION.has(r.verdict) || r.allowed);
  const quiet = report.rows.filter((r) => !attention.includes(r));
  const icon =
    report.exitCode === 0
      ? ':white_check_mark:'
      : report.exitCode === 3
        ? ':x:'
        : report.exitCode === 4
          ? ':grey_question:'
          : ':boom:';
  const lines = [
    `### ${icon} ${options.title ?? 'wasmbench gate'}: ${report.headline}`,
    '',
    `base \`${report.compare.base.runId}\` → head \`${report.compare.head.runId}\`; ratio of medians, ${Math.round(report.compare.confidence * 100)}% bootstrap CI. ` +
      'A regression counts only when the change is beyond the fail threshold AND the whole interval is beyond the noise threshold.',
    '',
  ];
  if (attention.length) lines.push(...table(attention), '');
  if (quiet.length)
    lines.push(
      `<details><summary>${quiet.length} unchanged or skipped row(s)</summary>`,
      '',
      ...table(quiet),
      '',
      '</details>',
      '',
    );
  for (const note of report.compare.incomplete ?? [])
    lines.push(`> :warning: incomplete ${cell(note)}; compared with --allow-incomplete, affected rows say so.`, '');
  for (const note of report.compare.changedWorkloads ?? [])
    lines.push(
      `> :warning: the module changed for ${cell(note)}; compared with --allow-changed-workload, its rows say so.`,
      '',
    );
  for (const e of report.expired)
    lines.push(`> :warning: allow-list entry for \`${e.case}\` expired on ${e.expires} (${cell(e.reason)}).`, '');
  return capBytes(lines.join('\n'), MAX_SUMMARY_BYTES);
}

/** Cut at a line boundary below `max` bytes, saying so. */
export function capBytes(text: string, max: number): string {
  if (Buffer.byteLength(text) <= max) return text;
  const note = '\n\n_(summary truncated to stay under the step-summary size limit)_\n';
  let cut = text.slice(0, max - note.length);
  while (Buffer.byteLength(cut) > max - note.length) cut = cut.slice(0, -1024);
  return cut.slice(0, cut.lastIndexOf('\n')) + note;
}
