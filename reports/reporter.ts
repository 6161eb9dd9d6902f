/**
 * The reporter contract: each output format (console table, CSV, Markdown,
 * .hgrm, charts, HTML, and any added later such as Parquet) is one reporter
 * that turns a results file into its outputs, like hyperfine's exporters.
 * reports/render.ts runs the registered ones (reports/reporters.ts) in order.
 */
import type { ResultsFile } from '../core/results/model.ts';
import type { Chart } from './charts/types.ts';

export interface ReportContext {
  file: ResultsFile;
  /** The directory or results.json the user named (some outputs quote it). */
  source: string;
  /** The directory holding results.json: outputs go here. */
  outDir: string;
  /** Built once for the chart and HTML reporters. */
  charts: Chart[];
  skipImages: boolean;
  /** Where console output goes; console reporters do nothing without it. */
  stdout?: (text: string) => void;
  warn(message: string): void;
}

export interface Reporter {
  /** Short name, e.g. `csv`, `html`: what `only` selects. */
  readonly id: string;
  readonly description: string;
  /** Write the outputs; returns what was written, relative to `outDir`, for the "wrote ..." line. */
  render(ctx: ReportContext): Promise<string[]>;
}
