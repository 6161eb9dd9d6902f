/** `wasmbench compare BASE HEAD`: ratio of medians per case with a bootstrap CI; informational (exit 0). */
import { EXIT, type ExitCode } from '../../core/errors.ts';
import { compareResults } from '../../core/compare/compare.ts';
import { loadPair } from '../../core/compare/load.ts';
import { formatCompareTable } from '../../reports/compare-table.ts';
import { gateSettingsFromConfig, list, seedFlag, PROCESS_IO, type CommandIo } from './gate-options.ts';

export interface CompareFlags {
  json?: boolean;
  metric?: string;
  seed?: string;
  config?: string;
  allowCrossMachine?: boolean;
  /** Compare an interrupted, killed (recovered) or running base/head anyway; cases cut short are marked. */
  allowIncomplete?: boolean;
  /** Compare a workload whose module (sha256) differs between base and head; its rows are marked. */
  allowChangedWorkload?: boolean;
}

export async function compareCommand(
  baseDir: string,
  headDir: string,
  flags: CompareFlags,
  io: CommandIo = PROCESS_IO,
): Promise<ExitCode> {
  const gate = await gateSettingsFromConfig(flags.config, {});
  const { base, head, incomplete } = await loadPair(baseDir, headDir, { allowIncomplete: flags.allowIncomplete });
  for (const note of incomplete) io.err(`warning: incomplete ${note}\n`);
  const report = compareResults(base, head, {
    metrics: list(flags.metric) ?? gate.metrics,
    confidence: gate.confidence,
    resamples: gate.resamples,
    seed: seedFlag(flags.seed),
    allowCrossMachine: flags.allowCrossMachine,
    allowChangedWorkload: flags.allowChangedWorkload,
  });
  if (incomplete.length) report.incomplete = incomplete;
  io.out(flags.json ? JSON.stringify(report, null, 2) + '\n' : formatCompareTable(report) + '\n');
  return EXIT.ok;
}
