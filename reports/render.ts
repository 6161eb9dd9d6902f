/**
 * `wasmbench report DIR`: re-render every output from DIR/results.json
 * alone, so reports can be rebuilt later, offline or on another machine.
 *
 * Writes: samples.csv, summary.csv, summary.md, histograms/*.hgrm,
 * charts/*.{vl.json,svg,png} and report.html. Charts and histograms left
 * by an earlier render are removed first so nothing stale remains.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { readResults, resultsPathOf } from '../core/results/read.ts';
import { buildCharts } from './charts/index.ts';
import { samplesCsv, summaryCsv } from './csv.ts';
import { hgrmFiles } from './hgrm.ts';
import { browserBundles } from './html/assets.ts';
import { reportHtml } from './html/page.ts';
import { writeCharts } from './render-charts.ts';
import { summaryMarkdown } from './summary-md.ts';
import { preloadRenderers } from './vega-render.ts';

export interface RenderOptions {
  /** Where warnings go (a chart Vega-Lite complained about, a PNG that failed). @default writes to stderr */
  onWarning?: (message: string) => void;
  /** Skip SVG/PNG rendering (specs and report.html are still written). @default false */
  skipImages?: boolean;
}

/** Delete files we generate (by extension) from a directory we own, keeping anything else. */
async function clearGenerated(dir: string, extensions: string[]): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => extensions.some((ext) => n.endsWith(ext))).map((n) => rm(join(dir, n), { force: true })));
}

/** Writes the report files next to the results file; returns what was written, relative to that directory. */
export async function renderReports(dir: string, options: RenderOptions = {}): Promise<string[]> {
  const warn = options.onWarning ?? ((m: string) => process.stderr.write(`warning: ${m}\n`));
  const file = await readResults(dir);
  const outDir = dirname(await resultsPathOf(dir));
  const charts = buildCharts(file);
  if (charts.length && !options.skipImages) preloadRenderers();
  const written: string[] = [];
  const put = async (name: string, text: string) => { await writeFile(join(outDir, name), text); written.push(name); };

  await put('samples.csv', samplesCsv(file));
  await put('summary.csv', summaryCsv(file));
  await put('summary.md', summaryMarkdown(file, dir));

  const histDir = join(outDir, 'histograms');
  await mkdir(histDir, { recursive: true });
  await clearGenerated(histDir, ['.hgrm']);
  const hgrms = hgrmFiles(file);
  for (const hg of hgrms) await writeFile(join(histDir, hg.name), hg.text);
  if (hgrms.length) written.push(`histograms/*.hgrm (${hgrms.length})`);

  const chartsDir = join(outDir, 'charts');
  await mkdir(chartsDir, { recursive: true });
  await clearGenerated(chartsDir, ['.vl.json', '.svg', '.png']);
  if (options.skipImages) {
    for (const chart of charts) await writeFile(join(chartsDir, `${chart.name}.vl.json`), JSON.stringify(chart.spec, null, 1) + '\n');
  } else {
    for (const outcome of await writeCharts(outDir, chartsDir, charts)) {
      for (const w of outcome.warnings) warn(`chart ${outcome.chart.name}: ${w}`);
    }
  }
  if (charts.length) written.push(`charts/*.{vl.json${options.skipImages ? '' : ',svg,png'}} (${charts.map((c) => c.name).join(', ')})`);

  await put('report.html', reportHtml({ file, charts, scripts: charts.length ? await browserBundles() : [] }));
  return written;
}
