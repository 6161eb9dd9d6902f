/** `wasmbench report DIR`: re-render every output from DIR/results.json. */
import { dirname } from 'node:path';
import { EXIT, type ExitCode } from '../../core/errors.ts';
import { loadResults } from '../../core/results/read.ts';
import { loadedNote } from '../../core/results/state.ts';
import { writeResultsFile } from '../../core/results/store.ts';
import { renderReports } from '../../reports/render.ts';

/**
 * `dir` may be a results directory or the results.json inside it; outputs go next to the file.
 * Exit 0, or 1 when the run was killed and had to be recovered from samples.jsonl (everything
 * measured is still rendered, but a CI step must not look green on it).
 */
export async function reportCommand(dir: string): Promise<ExitCode> {
  const loaded = await loadResults(dir);
  // A killed run's file is rewritten with what recovery read back (it only gains samples), so users' own scripts see it too.
  if (loaded.recovery) writeResultsFile(loaded.path, loaded.file);
  const written = await renderReports(dir, { stdout: (text) => process.stdout.write(text) });
  const outDir = dirname(loaded.path);
  const note = loadedNote(loaded);
  if (note) process.stderr.write(`warning: ${note}\n`);
  process.stderr.write(`wrote ${written.map((name) => `${outDir}/${name}`).join(', ')}\n`);
  return loaded.file.recovered ? EXIT.measurementError : EXIT.ok;
}
