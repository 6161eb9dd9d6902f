/** HTML sections of report.html describing the run: environment, runtimes and each suite's table. */
import { metricCount } from '../../core/results/metric-view.ts';
import type { CaseResult, MetricResult, ResultsFile } from '../../core/results/model.ts';
import { formatBytes, formatNs, formatValue } from '../format.ts';
import { caseLabel as defaultLabel, type CaseWithEnvironment } from '../report-data.ts';
import { crossovers, crossoverSentence } from '../charts/tiers.ts';
import { escapeHtml as h } from './escape.ts';
import { paybacks, paybackSentence } from '../payback.ts';

export function table(header: string[], rows: string[][], className = ''): string {
  const head = `<thead><tr>${header.map((c) => `<th>${h(c)}</th>`).join('')}</tr></thead>`;
  return `<table class="${className}">${head}<tbody>${rows.map((r) => `<tr>${r.join('')}</tr>`).join('\n')}</tbody></table>`;
}

/** A cell holding text; `num` right-aligns it. */
export const td = (text: unknown, cls = ''): string => `<td${cls ? ` class="${cls}"` : ''}>${h(text)}</td>`;

function envValue(key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '–';
  if (typeof value === 'number' && /Bytes$/.test(key)) return formatBytes(value);
  if (typeof value === 'number' && /Ns$/.test(key)) return formatNs(value);
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Every environment in the file: the run's, then any different one a merged case carries. */
function environments(file: ResultsFile): Record<string, unknown>[] {
  const seen = new Map<string, Record<string, unknown>>();
  for (const env of [
    file.environment ?? {},
    ...file.cases.map((c) => (c as CaseWithEnvironment).environment).filter(Boolean),
  ]) {
    seen.set(JSON.stringify(env), env as Record<string, unknown>);
  }
  return [...seen.values()];
}

export function environmentSection(file: ResultsFile): string {
  const envs = environments(file);
  const keys = [...new Set(envs.flatMap((e) => Object.keys(e)))];
  const header =
    envs.length > 1
      ? ['', ...envs.map((e) => `${envValue('arch', e.arch)} · ${envValue('hostname', e.hostname)}`)]
      : ['', 'value'];
  const rows = keys.map((k) => [td(k, 'key'), ...envs.map((e) => td(envValue(k, e[k])))]);
  return `<section id="environment"><h2>Environment</h2>${envs.length > 1 ? '<p>These results were merged from several machines.</p>' : ''}${table(header, rows, 'kv')}</section>`;
}

export function runtimesSection(file: ResultsFile): string {
  const rows = (file.runtimes ?? []).map((r) => {
    const modes = r.modes.map(
      (m) =>
        `${m.mode}${m.modeName && m.modeName !== m.mode ? ` (${m.modeName})` : ''}: flags ${m.flags.length ? m.flags.join(' ') : '(none)'}; cache ${m.cacheStates.join(', ')}`,
    );
    const status = r.available
      ? 'available'
      : `not available: ${r.reason ?? 'no reason recorded'}${r.install ? ` (install: ${r.install})` : ''}`;
    return [
      td(r.id, 'key'),
      td(r.version ?? '–'),
      td(r.host),
      td(r.arch),
      td(r.path ?? '–', 'mono'),
      `<td>${modes.map((m) => h(m)).join('<br>') || '–'}</td>`,
      td([status, ...(r.notes ?? [])].join(' · ')),
    ];
  });
  return `<section id="runtimes"><h2>Runtimes</h2>${table(['runtime', 'version', 'host', 'arch', 'path', 'modes, flags and cache states', 'status'], rows)}</section>`;
}

const fmt = (m: MetricResult, value: number | undefined): string =>
  value === undefined ? '–' : formatValue(value, m.unit);

function metricRow(
  c: CaseResult,
  name: string,
  m: MetricResult,
  first: boolean,
  span: number,
  caseLabel: (c: CaseResult) => string,
): string[] {
  const s = m.summary;
  const ci = s?.ci95 ? `${fmt(m, s.ci95[0])} – ${fmt(m, s.ci95[1])}` : '–';
  const caseCells = first
    ? [
        `<td rowspan="${span}" class="case">${h(caseLabel(c))}${c.status === 'ok' ? '' : ` <span class="status ${c.status}">${h(c.status)}</span>`}</td>`,
      ]
    : [];
  const errCells = first ? [`<td rowspan="${span}" class="num">${c.errors?.length ?? 0}</td>`] : [];
  return [
    ...caseCells,
    td(name),
    td(m.unit),
    td(fmt(m, s?.median), 'num'),
    td(fmt(m, s?.p90), 'num'),
    td(fmt(m, s?.p99), 'num'),
    td(fmt(m, s?.mad), 'num'),
    td(ci, 'num'),
    td(metricCount(m), 'num'),
    ...errCells,
  ];
}

/** One row per case and metric (median, p90, p99, MAD, 95% CI, n) with the case's error count. */
export function suiteTable(cases: CaseResult[], caseLabel: (c: CaseResult) => string = defaultLabel): string {
  const rows: string[][] = [];
  for (const c of cases.filter((x) => x.status !== 'skipped')) {
    const metrics = Object.entries(c.metrics ?? {}).filter(([, m]) => metricCount(m) > 0);
    if (metrics.length === 0) {
      rows.push([
        `<td class="case">${h(caseLabel(c))} <span class="status ${c.status}">${h(c.status)}</span></td>`,
        '<td colspan="8" class="none">no samples (not plotted)</td>',
        td(c.errors?.length ?? 0, 'num'),
      ]);
      continue;
    }
    for (const [i, [name, m]] of metrics.entries())
      rows.push(metricRow(c, name, m, i === 0, metrics.length, caseLabel));
  }
  return table(
    ['case', 'metric', 'unit', 'median', 'p90', 'p99', 'MAD', '95% CI of median', 'n', 'errors'],
    rows,
    'stats',
  );
}

/** Every crossover analysis in the results, as the suite computed it. */
export function crossoverTable(file: ResultsFile): string {
  const analyses = (file.analyses ?? []).filter((a) => a.kind === 'crossover');
  if (analyses.length === 0) return paybackTable(file);
  const tier = (t: unknown) => {
    const r = t as Record<string, number> | undefined;
    return r && typeof r.timeToFirstResultNs === 'number'
      ? `first result ${formatNs(r.timeToFirstResultNs)}, then ${formatNs(r.steadyIterNs)}/iteration`
      : '–';
  };
  const rows = crossovers(file).map((x, i) => {
    const a = analyses[i];
    return [
      td(crossoverSentence(x), 'case'),
      td(x.iterations ?? 'never', 'num'),
      td(tier(a.fastTier)),
      td(tier(a.slowTier)),
      td(a.extrapolated === true ? 'yes' : a.extrapolated === false ? 'no' : '–'),
    ];
  });
  return `<h3>Crossover points (interpreter vs compiled)</h3>${table(['crossover', 'iterations', 'fast tier', 'slow tier', 'extrapolated'], rows)}${paybackTable(file)}`;
}

/** When compiling pays with the compile counted (compile-payback analyses). */
function paybackTable(file: ResultsFile): string {
  const rows = paybacks(file).map((p) => [
    td(paybackSentence(p), 'case'),
    td(formatNs(p.precompileNs), 'num'),
    td(p.runs ?? 'never', 'num'),
    td(p.calls ?? '–', 'num'),
  ]);
  return rows.length
    ? `<h3>Compile-then-run (precompileNs counted)</h3>${table(['when compiling pays', 'compile', 'runs', 'calls in one process'], rows)}`
    : '';
}
