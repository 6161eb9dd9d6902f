/** `wasmbench merge DIR... --out DIR`: combine runs into one results file, each case keeping its environment. */
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { EXIT, type ExitCode, UsageError } from '../../core/errors.ts';
import { loadResults } from '../../core/results/read.ts';
import { loadedNote } from '../../core/results/state.ts';
import { mergeResults } from '../../core/merge.ts';
import { RESULTS_FILE } from '../../core/results/store.ts';
import { checkOutDir, OutDir } from '../../core/results/out-dir.ts';
import { renderReports } from '../../reports/render.ts';
import { newRunId } from '../../core/run-id.ts';
import { PROCESS_IO, type CommandIo } from './gate-options.ts';

export interface MergeFlags {
  out?: string;
  report?: boolean;
  /** Replace the results already in --out. */
  force?: boolean;
}

export async function mergeCommand(dirs: string[], flags: MergeFlags, io: CommandIo = PROCESS_IO): Promise<ExitCode> {
  if (!flags.out)
    throw new UsageError(
      'merge needs --out DIR',
      'e.g. wasmbench merge results/x64 results/arm64 --out results/merged',
    );
  // Before reading any input: a bad --out fails at once (exit 2).
  checkOutDir(flags.out, { force: flags.force });
  const inputs = [];
  for (const dir of dirs) inputs.push(await loadResults(dir));
  // An incomplete input makes the merged run incomplete too (state and recovered carry over); say which.
  for (const note of inputs.map(loadedNote)) if (note) io.err(`warning: incomplete input ${note}\n`);
  const outDir = resolve(flags.out);
  if (inputs.some((i) => resolve(i.path) === join(outDir, RESULTS_FILE))) {
    throw new UsageError(`--out ${flags.out} is one of the inputs`, 'merge into a new directory');
  }
  const merged = mergeResults(inputs, `merged-${newRunId()}`);
  // Written in a staging dir and moved into place whole: a failed merge leaves --out as it was.
  const out = OutDir.open(flags.out, { force: flags.force });
  try {
    await writeFile(join(out.path, RESULTS_FILE), JSON.stringify(merged, null, 2) + '\n');
  } catch (err) {
    out.discard();
    throw err;
  }
  out.promote();
  const written = flags.report === false ? [] : await renderReports(outDir);
  const archs = [...new Set(merged.cases.map((c) => String(c.environment?.arch)))].join(', ');
  io.err(
    `merged ${inputs.length} run(s), ${merged.cases.length} case(s) (${archs}) into ${outDir}/${RESULTS_FILE}${written.length ? `, ${written.join(', ')}` : ''}\n`,
  );
  return EXIT.ok;
}
