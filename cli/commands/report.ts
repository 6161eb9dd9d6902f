/** `wasmbench report DIR`: re-render every output from DIR/results.json. */
import { dirname } from 'node:path';
import { EXIT, type ExitCode } from '../../core/errors.ts';
import { resultsPathOf } from '../../core/results/read.ts';
import { renderReports } from '../../reports/render.ts';

/** `dir` may be a results directory or the results.json inside it; outputs go next to the file. */
export async function reportCommand(dir: string): Promise<ExitCode> {
  const written = await renderReports(dir, { stdout: (text) => process.stdout.write(text) });
  const outDir = dirname(await resultsPathOf(dir));
  process.stderr.write(`wrote ${written.map((name) => `${outDir}/${name}`).join(', ')}\n`);
  return EXIT.ok;
}
