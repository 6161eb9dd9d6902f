/** The console summary: one row per case and headline metric (median, p90, MAD, n). */
import type { CaseResult, ResultsFile } from '../core/results/model.ts';
import { formatNs, formatValue, textTable } from './format.ts';
import { stateNote } from '../core/results/state.ts';

/** The metric a suite's table leads with, then the others worth a row. */
const HEADLINE_METRICS: Record<string, string[]> = {
  startup: [
    'wallNs',
    'firstOutputNs',
    'mainEntryNs',
    'compileNs',
    'instantiateNs',
    'executeNs',
    'benchNs',
    'steadyIterNs',
    'callNs',
    'maxRssBytes',
  ],
  'sleep-jitter': ['overshootNs'],
  throughput: ['requestsPerSec', 'latencyNs'],
};

function caseLabel(c: CaseResult): string {
  return `${c.runtime} ${c.mode}${c.modeName && c.modeName !== c.mode && c.modeName !== '*' ? `(${c.modeName})` : ''} ${c.cacheState} ${c.fixture}${caseVariant(c)}`;
}

/** What tells apart cases of one runtime, mode and fixture: the call view, a server variant, a sleep interval. */
function caseVariant(c: CaseResult): string {
  const p = c.params;
  if (typeof p.view === 'string') return ` [${p.view} view]`;
  if (typeof p.variant === 'string') return ` [${p.variant}]`;
  if (typeof p.intervalNs === 'number')
    return ` [${formatNs(p.intervalNs)} ${String(p.deadline ?? '')}${p.load === 'cpu' ? ' +cpu load' : ''}]`;
  return '';
}

/** The first line of a reason, cut to fit a terminal row. */
function note(reason: string | undefined): string {
  const line = (reason ?? '').split('\n')[0];
  return line.length > 100 ? `${line.slice(0, 97)}...` : line;
}

function caseRows(c: CaseResult): string[][] {
  if (c.status === 'skipped') return [[caseLabel(c), 'skipped', '', '', '', '', note(c.reason)]];
  const rows: string[][] = [];
  for (const name of HEADLINE_METRICS[c.suite] ?? Object.keys(c.metrics)) {
    const metric = c.metrics[name];
    const s = metric?.summary;
    if (!metric || !s) continue;
    const cutShort =
      !rows.length && c.incomplete ? note(c.warnings.find((w) => w.startsWith('incomplete:')) ?? 'incomplete') : '';
    rows.push([
      rows.length ? '' : caseLabel(c),
      name,
      formatValue(s.median, metric.unit),
      formatValue(s.p90, metric.unit),
      formatValue(s.mad, metric.unit),
      String(s.n),
      cutShort,
    ]);
  }
  if (c.status === 'errored')
    rows.push([rows.length ? '' : caseLabel(c), 'ERRORED', '', '', '', String(c.errors.length), note(c.reason)]);
  return rows;
}

export function formatSummaryTable(file: ResultsFile): string {
  const sections: string[] = [];
  for (const suite of [...new Set(file.cases.map((c) => c.suite))]) {
    const rows = file.cases.filter((c) => c.suite === suite).flatMap(caseRows);
    sections.push(`${suite}\n${textTable(['case', 'metric', 'median', 'p90', 'MAD', 'n', 'note'], rows)}`);
  }
  const errored = file.cases.filter((c) => c.status === 'errored').length;
  const skipped = file.cases.filter((c) => c.status === 'skipped').length;
  const state =
    file.state === 'complete'
      ? ''
      : file.recovered
        ? ' (interrupted, recovered from samples.jsonl)'
        : ` (${file.state})`;
  sections.push(
    `${file.cases.length} case(s): ${file.cases.length - errored - skipped} ok, ${errored} errored, ${skipped} skipped${state}`,
  );
  const note = stateNote(file);
  if (note) sections.push(`WARNING: this run is incomplete: ${note}`);
  return sections.join('\n\n');
}
