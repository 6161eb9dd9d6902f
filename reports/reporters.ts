/** The registered reporters, run in this order by renderReports. A new format adds one entry here. */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatSummaryTable } from './console-table.ts';
import { SAMPLES_CSV_MAX_ROWS, samplesCsv, storedSampleCount, summaryCsv } from './csv.ts';
import { hgrmFiles } from './hgrm.ts';
import { browserBundles } from './html/assets.ts';
import { reportHtml } from './html/page.ts';
import { writeCharts } from './render-charts.ts';
import type { ReportContext, Reporter } from './reporter.ts';
import { summaryMarkdown } from './summary-md.ts';
import { samplesParquet } from './parquet.ts';

/** Delete files we generate (by extension) from a directory we own, keeping anything else. */
async function clearGenerated(dir: string, extensions: string[]): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    names.filter((n) => extensions.some((ext) => n.endsWith(ext))).map((n) => rm(join(dir, n), { force: true })),
  );
}

/** A reporter that writes one text file next to results.json. */
function textFile(
  id: string,
  name: string,
  description: string,
  text: (ctx: ReportContext) => string | Promise<string>,
): Reporter {
  return {
    id,
    description,
    async render(ctx) {
      await writeFile(join(ctx.outDir, name), await text(ctx));
      return [name];
    },
  };
}

const consoleTable: Reporter = {
  id: 'console',
  description: 'the summary table on stdout',
  async render(ctx) {
    ctx.stdout?.(formatSummaryTable(ctx.file) + '\n');
    return [];
  },
};

/** samples.csv for small runs only: past SAMPLES_CSV_MAX_ROWS stored samples, samples.parquet is the table to use. */
const samplesCsvReporter: Reporter = {
  id: 'samples-csv',
  description: `every sample stored in results.json, one row per case x metric x sample (runs up to ${SAMPLES_CSV_MAX_ROWS} samples)`,
  async render(ctx) {
    const stored = storedSampleCount(ctx.file);
    if (stored > SAMPLES_CSV_MAX_ROWS) {
      await rm(join(ctx.outDir, 'samples.csv'), { force: true });
      ctx.warn(
        `samples.csv not written: ${stored} samples (more than ${SAMPLES_CSV_MAX_ROWS}); every sample is in samples.parquet`,
      );
      return [];
    }
    await writeFile(join(ctx.outDir, 'samples.csv'), samplesCsv(ctx.file));
    return ['samples.csv'];
  },
};

const hgrm: Reporter = {
  id: 'hgrm',
  description: 'histograms/*.hgrm: HdrHistogram percentile distributions',
  async render(ctx) {
    const histDir = join(ctx.outDir, 'histograms');
    await mkdir(histDir, { recursive: true });
    await clearGenerated(histDir, ['.hgrm']);
    const files = hgrmFiles(ctx.file);
    for (const hg of files) await writeFile(join(histDir, hg.name), hg.text);
    return files.length ? [`histograms/*.hgrm (${files.length})`] : [];
  },
};

const charts: Reporter = {
  id: 'charts',
  description: 'charts/*.vl.json Vega-Lite specs, rendered to SVG and PNG',
  async render(ctx) {
    const chartsDir = join(ctx.outDir, 'charts');
    await mkdir(chartsDir, { recursive: true });
    await clearGenerated(chartsDir, ['.vl.json', '.svg', '.png']);
    if (ctx.skipImages) {
      for (const chart of ctx.charts)
        await writeFile(join(chartsDir, `${chart.name}.vl.json`), JSON.stringify(chart.spec, null, 1) + '\n');
    } else {
      for (const outcome of await writeCharts(ctx.outDir, chartsDir, ctx.charts)) {
        for (const w of outcome.warnings) ctx.warn(`chart ${outcome.chart.name}: ${w}`);
      }
    }
    return ctx.charts.length
      ? [`charts/*.{vl.json${ctx.skipImages ? '' : ',svg,png'}} (${ctx.charts.map((c) => c.name).join(', ')})`]
      : [];
  },
};

export const REPORTERS: readonly Reporter[] = [
  consoleTable,
  samplesCsvReporter,
  samplesParquet,
  textFile('summary-csv', 'summary.csv', 'one row per case x metric with its summary', (ctx) => summaryCsv(ctx.file)),
  textFile('markdown', 'summary.md', 'headline tables, errors and skips', (ctx) =>
    summaryMarkdown(ctx.file, ctx.source),
  ),
  hgrm,
  charts,
  textFile('html', 'report.html', 'a self-contained page with every table and chart', async (ctx) =>
    reportHtml({ file: ctx.file, charts: ctx.charts, scripts: ctx.charts.length ? await browserBundles() : [] }),
  ),
];
