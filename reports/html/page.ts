/**
 * report.html: one self-contained file. Charts are interactive (vega-embed,
 * scripts inlined from node_modules, no CDN, no network), next to the
 * environment fingerprint, runtimes, per-suite tables, commands to reproduce
 * and the errored/skipped cases.
 */
import type { ResultsFile } from '../../core/results/model.ts';
import { stateNote } from '../../core/results/state.ts';
import type { Chart } from '../charts/types.ts';
import { caseLabeller } from '../report-data.ts';
import { escapeHtml as h, jsonForScript, scriptForInline } from './escape.ts';
import { problemsSection, reproduceSection } from './problems.ts';
import { crossoverTable, environmentSection, runtimesSection, suiteTable } from './sections.ts';

const SUITE_TITLES: Record<string, string> = {
  startup: 'Startup and tiers',
  'sleep-jitter': 'Sleep jitter',
  throughput: 'Throughput',
};

const CSS = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; margin: 0 auto; max-width: 1320px; padding: 0 24px 48px; color: #1b1b1b; }
h1 { font-size: 22px; margin: 24px 0 4px; } h2 { margin-top: 36px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
nav a { margin-right: 14px; } .meta { color: #555; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 13px; }
th, td { border: 1px solid #ddd; padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f4f4f4; } td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.key, td.case { font-weight: 600; } td.mono, code, pre { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px; }
td.none { color: #777; font-style: italic; }
pre { background: #f6f6f6; padding: 8px; overflow-x: auto; white-space: pre-wrap; word-break: break-all; }
.status { font-size: 11px; padding: 1px 6px; border-radius: 8px; background: #eee; }
.status.errored { background: #fbd5d5; color: #8a1111; } .status.skipped { background: #e5e7eb; color: #444; }
.warn { background: #fff4ce; padding: 6px 10px; }
figure { margin: 16px 0 28px; } figcaption { color: #555; font-size: 12px; }
.chart { min-height: 80px; overflow-x: auto; }
`;

/** Runs in the browser: draw every chart with vega-embed and mark the page when all are done. */
const BOOT = `
(function () {
  var charts = document.querySelectorAll('.chart');
  var pending = charts.length;
  function done() { if (--pending <= 0) document.body.setAttribute('data-charts-rendered', 'true'); }
  if (!pending) document.body.setAttribute('data-charts-rendered', 'true');
  // Drop the warnings reports/vega-render.ts documents as benign (shared inlined dataset, empty overlay layer in a panel).
  var base = vega.logger(vega.Warn);
  var logger = {
    level: function (l) { if (l === undefined) return base.level(); base.level(l); return logger; },
    warn: function () { if (!/faceted independent scales|Infinite extent for field/.test(Array.prototype.join.call(arguments, ' '))) base.warn.apply(base, arguments); return logger; },
    info: function () { base.info.apply(base, arguments); return logger; },
    debug: function () { base.debug.apply(base, arguments); return logger; },
    error: function () { base.error.apply(base, arguments); return logger; }
  };
  var options = { renderer: 'svg', logger: logger, actions: { export: true, source: false, compiled: false, editor: false } };
  charts.forEach(function (el) {
    var spec = JSON.parse(document.getElementById(el.getAttribute('data-spec')).textContent);
    vegaEmbed(el, spec, options).then(function () { el.setAttribute('data-rendered', 'true'); done(); })
      .catch(function (err) { el.setAttribute('data-rendered', 'error'); el.textContent = 'This chart could not be drawn: ' + err.message; console.error(err); done(); });
  });
})();
`;

function chartFigure(chart: Chart, index: number): string {
  const files = ['svg', 'png', 'vl.json'].map((ext) => `charts/${chart.name}.${ext}`).join(', ');
  return (
    `<figure><div class="chart" id="chart-${index}" data-chart="${h(chart.name)}" data-spec="spec-${index}"></div>` +
    `<figcaption>${h(chart.caption)} Files: ${h(files)}.</figcaption></figure>` +
    `<script type="application/json" id="spec-${index}">${jsonForScript(chart.spec)}</script>`
  );
}

/** A run cut short says so at the top, before any chart. */
function incompleteBanner(file: ResultsFile): string {
  const note = stateNote(file);
  return note
    ? `<p class="warn" id="incomplete-run"><b>Incomplete run</b>: ${h(note)}. Charts and tables cover what was measured.</p>\n`
    : '';
}

function header(file: ResultsFile): string {
  const count = (s: string) => file.cases.filter((c) => c.status === s).length;
  return `<h1>wasmbench report · ${h(file.runId)}</h1>
${incompleteBanner(file)}<p class="meta">${h(file.startedAt)} → ${h(file.finishedAt ?? 'not finished')} · state ${h(file.state)}${file.recovered ? ' (recovered)' : ''} · wasmbench ${h(file.tool?.version)} · seed ${h(file.seed)} · ${file.cases.length} cases: ${count('ok')} ok, ${count('errored')} errored, ${count('skipped')} skipped</p>`;
}

export interface PageInput {
  file: ResultsFile;
  charts: Chart[];
  /** Browser bundles (vega, vega-lite, vega-embed) to inline, in load order. */
  scripts: { name: string; source: string }[];
}

export function reportHtml({ file, charts, scripts }: PageInput): string {
  const suites = [...new Set(file.cases.map((c) => c.suite))];
  let index = 0;
  const suiteSections = suites.map((suite) => {
    const figures = charts.filter((c) => c.suite === suite).map((c) => chartFigure(c, index++));
    const extra = suite === 'startup' ? crossoverTable(file) : '';
    return `<section id="suite-${h(suite)}"><h2>${h(SUITE_TITLES[suite] ?? suite)}</h2>${figures.join('\n')}${extra}<h3>${h(suite)}: every metric</h3>${suiteTable(
      file.cases.filter((c) => c.suite === suite),
      caseLabeller(file),
    )}</section>`;
  });
  const nav = [
    ...suites.map((s) => [`suite-${s}`, SUITE_TITLES[s] ?? s]),
    ['environment', 'Environment'],
    ['runtimes', 'Runtimes'],
    ['reproduce', 'Reproduce'],
    ['problems', 'Errored and skipped'],
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>wasmbench ${h(file.runId)}</title><style>${CSS}</style></head>
<body>
${header(file)}
<nav>${nav.map(([id, title]) => `<a href="#${h(id)}">${h(title)}</a>`).join('')}</nav>
${suiteSections.join('\n')}
${environmentSection(file)}
${runtimesSection(file)}
${reproduceSection(file)}
${problemsSection(file)}
${scripts.map((s) => `<script>/* ${h(s.name)} */\n${scriptForInline(s.source)}\n</script>`).join('\n')}
<script>${BOOT}</script>
</body></html>
`;
}
