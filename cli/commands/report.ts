/** `wasmbench report DIR`: re-render every output from DIR/results.json. */
import { EXIT, type ExitCode } from '../../core/errors.ts';
import { readResults } from '../../core/results/read.ts';
import { formatSummaryTable } from '../../reports/console-table.ts';
import { renderReports } from '../../reports/render.ts';

export async function reportCommand(dir: string): Promise<ExitCode> {
  const written = await renderReports(dir);
  process.stdout.write(formatSummaryTable(await readResults(dir)) + '\n');
  process.stderr.write(`wrote ${written.map((name) => `${dir}/${name}`).join(', ')}\n`);
  return EXIT.ok;
}
