/**
 * Writes each chart as charts/<name>.vl.json (the Vega-Lite spec with its
 * data inlined), .svg and .png. SVG layout of one chart overlaps the PNG
 * rasterisation of the previous one (resvg runs off the main thread).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Chart } from './charts/types.ts';
import { renderPng, renderSvg } from './vega-render.ts';

export interface ChartOutcome {
  chart: Chart;
  /** Files written, relative to the output directory. */
  files: string[];
  warnings: string[];
}

export async function writeCharts(outDir: string, chartsDir: string, charts: Chart[]): Promise<ChartOutcome[]> {
  const outcomes: ChartOutcome[] = [];
  const pngs: Promise<void>[] = [];
  for (const chart of charts) {
    const stem = join(chartsDir, chart.name);
    const rel = (ext: string) => join(chartsDir, `${chart.name}.${ext}`).slice(outDir.length + 1);
    const outcome: ChartOutcome = { chart, files: [], warnings: [] };
    outcomes.push(outcome);
    await writeFile(`${stem}.vl.json`, JSON.stringify(chart.spec, null, 1) + '\n');
    outcome.files.push(rel('vl.json'));
    try {
      const { svg, warnings } = await renderSvg(chart.spec);
      outcome.warnings.push(...warnings);
      await writeFile(`${stem}.svg`, svg);
      outcome.files.push(rel('svg'));
      pngs.push(
        renderPng(svg)
          .then((png) => writeFile(`${stem}.png`, png))
          .then(
            () => {
              outcome.files.push(rel('png'));
            },
            (err: Error) => {
              outcome.warnings.push(`PNG not written: ${err.message}`);
            },
          ),
      );
    } catch (err) {
      outcome.warnings.push(`SVG/PNG not written: ${(err as Error).message}`);
    }
  }
  await Promise.all(pngs);
  return outcomes;
}
