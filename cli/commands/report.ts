/** `wasmbench report DIR`: re-render every output from DIR/results.json. */
import { dirname } from 'node:path';
import { EXIT, type ExitCode } from '../../core/errors.ts';
import { readResults, resultsPathOf } from '../../core/results/read.ts';
import { formatSummaryTable } from '../../reports/console-table.ts';
import { renderReports } from '../../reports/render.ts';

/** `dir` may be a results directory or the results.json inside it; outputs go next to the file. */
export async function reportCommand(dir: string): Promise<ExitCode> {
  const written = await renderReports(dir);
  const outDir = dirname(await resultsPathOf(dir));
  process.stdout.write(formatSummaryTable(await readResults(dir)) + '\n');
  process.stderr.write(`wrote ${written.map((name) => `${outDir}/${name}`).join(', ')}\n`);
  return EXIT.ok;
}
