/**
 * GitHub Actions workflow commands (`::error` / `::warning`) for the gate:
 * one per row needing attention, shown on the run's summary page.
 */
import type { GateReport, GateRow } from '../core/compare/gate.ts';

/** Escaping of the workflow-command message (GitHub's toolkit rules). */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function level(row: GateRow): 'error' | 'warning' | null {
  if (row.allowed) return 'warning';
  if (row.verdict === 'regressed' || row.verdict === 'error') return 'error';
  if (row.verdict === 'warn' || row.verdict === 'inconclusive') return 'warning';
  return null;
}

/** GitHub shows at most 10 annotations of each level per step; the rest are in the summary. */
const MAX_PER_LEVEL = 10;

export function gateAnnotations(report: GateReport): string[] {
  const out: string[] = [];
  const used = { error: 0, warning: 0 };
  for (const row of report.rows) {
    const kind = level(row);
    if (!kind || used[kind] >= MAX_PER_LEVEL) continue;
    used[kind]++;
    const title = `wasmbench ${row.allowed ? `${row.verdict} (allowed)` : row.verdict}: ${row.key}${row.metric ? ` ${row.metric}` : ''}`;
    const message = row.allowed ? `${row.why}; allowed until ${row.allowed.expires}: ${row.allowed.reason}` : row.why;
    out.push(`::${kind} title=${escapeProperty(title)}::${escapeData(message)}`);
  }
  for (const e of report.expired)
    out.push(
      `::warning title=wasmbench allow-list::${escapeData(`entry for ${e.case} expired on ${e.expires}: ${e.reason}`)}`,
    );
  return out;
}
