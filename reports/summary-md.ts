/**
 * summary.md: compact Markdown for a CI step summary or a PR comment: a
 * headline table per suite, the errored and skipped cases, and a link-free
 * note of where the full report is. Stays far below GitHub's 1 MiB limit.
 */
import { metricCount } from '../core/results/metric-view.ts';
import type { CaseResult, MetricResult, ResultsFile } from '../core/results/model.ts';
import { formatValue } from './format.ts';
import { BASELINES, baselineRatios, formatRatio } from './baseline-ratios.ts';
import { stateNote } from '../core/results/state.ts';
import { nothingMeasuredReasons, unavailableRuntimeWarnings } from '../core/results/run-health.ts';
import { archOf, caseLabeller, plottableMetric, spansArchitectures, zeroSampleCases } from './report-data.ts';

type Label = (c: CaseResult) => string;
import { loadLabel, metricDescription, variantLabel } from './charts/throughput.ts';
import { crossovers, crossoverSentence } from './charts/tiers.ts';
import { paybacks, paybackSentence } from './payback.ts';

/** Crossover sentences listed in the summary before referring to report.html. */
const MAX_CROSSOVERS = 10;

function crossoverList(file: ResultsFile): string | null {
  const all = crossovers(file).map(crossoverSentence);
  if (all.length === 0) return null;
  const more = all.length > MAX_CROSSOVERS ? `\n- …and ${all.length - MAX_CROSSOVERS} more in report.html` : '';
  return `### interpreter vs compiled: crossover points\n\n${all
    .slice(0, MAX_CROSSOVERS)
    .map((x) => `- ${mdCell(x)}`)
    .join('\n')}${more}`;
}

/** When compiling ahead of time pays, the compile counted (precompileNs). */
function paybackList(file: ResultsFile): string | null {
  const all = paybacks(file).map(paybackSentence);
  if (all.length === 0) return null;
  const more = all.length > MAX_CROSSOVERS ? `\n- …and ${all.length - MAX_CROSSOVERS} more in report.html` : '';
  return `### compile-then-run: when compiling pays (compile time counted)\n\n${all
    .slice(0, MAX_CROSSOVERS)
    .map((x) => `- ${mdCell(x)}`)
    .join('\n')}${more}`;
}

/** Warnings listed before referring to report.html. */
const MAX_WARNINGS = 20;

/** Rows per table before the rest is summarised in one line (keeps the summary small). */
const MAX_ROWS = 150;

export function mdCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A GitHub table; the first `textColumns` columns are left-aligned, the (numeric) rest right-aligned. */
/** Free text from the results (reasons, install hints): URLs go in a code span so nothing becomes a link. */
export function mdText(text: string): string {
  const flat = text.replace(/\r?\n/g, ' ');
  return /:\/\//.test(flat) ? `\`${flat.replace(/`/g, "'")}\`` : mdCell(flat);
}

function mdTable(header: string[], rows: string[][], textColumns = 1): string {
  const shown = rows.slice(0, MAX_ROWS);
  const lines = [
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (i < textColumns ? ' --- ' : ' ---: ')).join('|')}|`,
    ...shown.map((r) => `| ${r.map(mdCell).join(' | ')} |`),
  ];
  if (rows.length > shown.length) lines.push(`\n…and ${rows.length - shown.length} more rows (see summary.csv).`);
  return lines.join('\n');
}

const fmt = (m: MetricResult, pick: (s: NonNullable<MetricResult['summary']>) => number): string =>
  m.summary ? formatValue(pick(m.summary), m.unit) : '–';

function startupTable(file: ResultsFile, cases: CaseResult[], caseLabel: Label): string | null {
  // Ratio columns only for the baselines this run measured.
  const baselines = BASELINES.filter((b) => cases.some((c) => c.runtime === b && c.status === 'ok'));
  const rows = cases.flatMap((c) => {
    const m = plottableMetric(c, 'wallNs');
    if (!m) return [];
    const ratio = baselineRatios(file, c, cases);
    return [
      [
        caseLabel(c),
        fmt(m, (s) => s.median),
        ...baselines.map((b) => formatRatio(ratio[b])),
        fmt(m, (s) => s.p90),
        fmt(m, (s) => s.p99),
        fmt(m, (s) => s.mad),
        String(metricCount(m)),
        c.status === 'ok' ? '' : c.status,
      ],
    ];
  });
  const words = { native: 'the native build (× native)', container: 'the native build in a container (× container)' };
  const note = baselines.length
    ? `Cold start as a ratio of medians to ${baselines.map((b) => words[b]).join(' and to ')}, same fixture.\n\n`
    : '';
  const header = ['case', 'median', ...baselines.map((b) => `× ${b}`), 'p90', 'p99', 'MAD', 'n', 'status'];
  return rows.length ? `### startup: wall time, spawn to exit\n\n${note}${mdTable(header, rows)}` : null;
}

function sleepTable(cases: CaseResult[], caseLabel: Label): string | null {
  const rows = cases.flatMap((c) => {
    const m = plottableMetric(c, 'overshootNs');
    return m
      ? [
          [
            caseLabel(c),
            fmt(m, (s) => s.min),
            fmt(m, (s) => s.median),
            fmt(m, (s) => s.p99),
            fmt(m, (s) => s.max),
            String(metricCount(m)),
          ],
        ]
      : [];
  });
  return rows.length
    ? `### sleep-jitter: overshoot per wakeup (negative = woke early)\n\n${mdTable(['case', 'min', 'median', 'p99', 'max', 'wakeups'], rows)}`
    : null;
}

/** "yes" when the suite found the load generator set the pace (its clientBound metric), so the figures are a floor. */
function clientBound(c: CaseResult): string {
  const m = plottableMetric(c, 'clientBound');
  return m ? ((m.summary?.max ?? Math.max(0, ...m.samples)) > 0 ? 'yes' : 'no') : '–';
}

function throughputTable(cases: CaseResult[], file: ResultsFile): string | null {
  const multiArch = spansArchitectures(file);
  const rows = cases.flatMap((c) => {
    const qps = plottableMetric(c, 'requestsPerSec');
    const lat = plottableMetric(c, 'latencyNs');
    if (!qps && !lat) return [];
    return [
      [
        multiArch ? `${variantLabel(c)} · ${archOf(c, file)}` : variantLabel(c),
        loadLabel(c).replace(/^max throughput, /, ''),
        qps ? fmt(qps, (s) => s.median) : '–',
        lat ? fmt(lat, (s) => s.median) : '–',
        lat ? fmt(lat, (s) => s.p99) : '–',
        clientBound(c),
        lat ? metricDescription(c, 'latencyNs', lat) : '',
      ],
    ];
  });
  return rows.length
    ? `### throughput\n\n${mdTable(['variant', 'load', 'req/s (median)', 'latency median', 'latency p99', 'client-bound', 'how latency was measured'], rows, 2)}`
    : null;
}

function problemsSection(file: ResultsFile): string | null {
  const caseLabel = caseLabeller(file);
  const errored = file.cases.filter((c) => c.status === 'errored');
  const skipped = file.cases.filter((c) => c.status === 'skipped');
  const empty = zeroSampleCases(file).filter((c) => c.status !== 'errored');
  const parts: string[] = [];
  if (errored.length)
    parts.push(
      `### Errored (${errored.length})\n\n${errored.map((c) => `- **${mdCell(caseLabel(c))}**: ${mdText(c.reason ?? c.errors[0]?.message ?? 'no reason recorded')}`).join('\n')}`,
    );
  if (empty.length)
    parts.push(`### No samples (${empty.length})\n\n${empty.map((c) => `- ${mdCell(caseLabel(c))}`).join('\n')}`);
  const warnings = file.cases.flatMap((c) => (c.warnings ?? []).map((w) => `- ${mdCell(caseLabel(c))}: ${mdText(w)}`));
  if (warnings.length)
    parts.push(
      `### Warnings (${warnings.length})\n\n${warnings.slice(0, MAX_WARNINGS).join('\n')}${warnings.length > MAX_WARNINGS ? `\n- …and ${warnings.length - MAX_WARNINGS} more in report.html` : ''}`,
    );
  if (skipped.length)
    parts.push(
      `### Skipped (${skipped.length})\n\n${skipped.map((c) => `- ${mdCell(caseLabel(c))}: ${mdText(c.reason ?? 'no reason recorded')}`).join('\n')}`,
    );
  return parts.length ? parts.join('\n\n') : null;
}

/** What a CI reader must see first: nothing measured at all, and requested runtimes that could not be used. */
function runWarnings(file: ResultsFile): string | null {
  const parts: string[] = [];
  const nothing = nothingMeasuredReasons(file);
  if (nothing && file.state !== 'interrupted')
    parts.push(`**Nothing was measured.**\n\n${nothing.map((l) => `- ${mdText(l)}`).join('\n')}`);
  const missing = unavailableRuntimeWarnings(file);
  if (missing.length && !nothing)
    parts.push(
      `### Warning: requested runtimes not measured (${missing.length})\n\n${missing.map((l) => `- ${mdText(l)}`).join('\n')}`,
    );
  return parts.length ? parts.join('\n\n') : null;
}

function headline(file: ResultsFile): string {
  const env = file.environment ?? {};
  const count = (s: string) => file.cases.filter((c) => c.status === s).length;
  const where = [
    env.arch,
    env.cpuModel,
    env.cores ? `${env.cores} cores` : null,
    env.nodeVersion ? `node ${env.nodeVersion}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
  const state = file.state === 'complete' ? '' : ` · **${file.state}**`;
  return `${file.cases.length} cases: ${count('ok')} ok, ${count('errored')} errored, ${count('skipped')} skipped${state}  \n${where}  \n${file.startedAt}`;
}

/** A run cut short says so before any figure. */
function incompleteBanner(file: ResultsFile): string | null {
  const note = stateNote(file);
  return note
    ? `> [!WARNING]\n> **Incomplete run**: ${mdCell(note)}. Figures below cover what was measured; cases cut short are listed under Warnings.`
    : null;
}

/** The Markdown summary; `dir` is only named (as text) in the closing note. */
export function summaryMarkdown(file: ResultsFile, dir = '.'): string {
  const bySuite = (suite: string) => file.cases.filter((c) => c.suite === suite);
  const sections = [
    `## wasmbench ${file.runId}`,
    incompleteBanner(file),
    headline(file),
    runWarnings(file),
    startupTable(file, bySuite('startup'), caseLabeller(file)),
    crossoverList(file),
    paybackList(file),
    sleepTable(bySuite('sleep-jitter'), caseLabeller(file)),
    throughputTable(bySuite('throughput'), file),
    problemsSection(file),
    `---\nFull report: \`report.html\` (charts, environment, commands to reproduce) with \`charts/\`, \`histograms/\`, \`samples.csv\` and \`summary.csv\`, in the results directory \`${mdCell(dir)}\`. Re-render with \`wasmbench report ${mdCell(dir)}\`.`,
  ];
  return sections.filter((s): s is string => s !== null).join('\n\n') + '\n';
}
