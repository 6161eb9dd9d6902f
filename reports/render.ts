/**
 * `wasmbench report DIR`: re-render every output from DIR/results.json
 * alone, so reports can be rebuilt later, offline or on another machine.
 * Each output is a registered reporter (reports/reporters.ts): the console
 * table (when given a stdout), samples.csv (small runs), samples.parquet
 * (when the run left none), summary.csv, summary.md, histograms/*.hgrm,
 * charts/*.{vl.json,svg,png} and report.html. Charts and
 * histograms left by an earlier render are removed first so nothing stale remains.
 */
import { dirname } from 'node:path';
import { readResults, resultsPathOf } from '../core/results/read.ts';
import { buildCharts } from './charts/index.ts';
import type { ReportContext, Reporter } from './reporter.ts';
import { REPORTERS } from './reporters.ts';
import { preloadRenderers } from './vega-render.ts';

export interface RenderOptions {
  /** Where warnings go (a chart Vega-Lite complained about, a PNG that failed). @default writes to stderr */
  onWarning?: (message: string) => void;
  /** Skip SVG/PNG rendering (specs and report.html are still written). @default false */
  skipImages?: boolean;
  /** Where the console table goes; without it none is printed. */
  stdout?: (text: string) => void;
  /** Only these reporter ids (e.g. ['console']). @default every registered reporter */
  only?: readonly string[];
  /** The reporters to choose from. @default REPORTERS */
  reporters?: readonly Reporter[];
}

/** Writes the report files next to the results file; returns what was written, relative to that directory. */
export async function renderReports(dir: string, options: RenderOptions = {}): Promise<string[]> {
  const file = await readResults(dir);
  const reporters = (options.reporters ?? REPORTERS).filter((r) => !options.only || options.only.includes(r.id));
  const wantsCharts = reporters.some((r) => r.id === 'charts' || r.id === 'html');
  const charts = wantsCharts ? buildCharts(file) : [];
  if (charts.length && !options.skipImages && reporters.some((r) => r.id === 'charts')) preloadRenderers();
  const ctx: ReportContext = {
    file,
    source: dir,
    outDir: dirname(await resultsPathOf(dir)),
    charts,
    skipImages: options.skipImages ?? false,
    stdout: options.stdout,
    warn: options.onWarning ?? ((m: string) => process.stderr.write(`warning: ${m}\n`)),
  };
  const written: string[] = [];
  for (const reporter of reporters) written.push(...(await reporter.render(ctx)));
  return written;
}
