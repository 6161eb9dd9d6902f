/** `wasmbench compare BASE HEAD`: ratio of medians per case with a bootstrap CI; informational (exit 0). */
import { EXIT, type ExitCode } from '../../core/errors.ts';
import { compareResults } from '../../core/compare/compare.ts';
import { loadResults } from '../../core/results/read.ts';
import { formatCompareTable } from '../../reports/compare-table.ts';
import { gateSettingsFromConfig, list, seedFlag, PROCESS_IO, type CommandIo } from './gate-options.ts';

export interface CompareFlags {
  json?: boolean;
  metric?: string;
  seed?: string;
  config?: string;
  allowCrossMachine?: boolean;
}

export async function compareCommand(baseDir: string, headDir: string, flags: CompareFlags, io: CommandIo = PROCESS_IO): Promise<ExitCode> {
  const gate = await gateSettingsFromConfig(flags.config, {});
  const [base, head] = await Promise.all([loadResults(baseDir), loadResults(headDir)]);
  const report = compareResults(base, head, {
    metrics: list(flags.metric) ?? gate.metrics,
    confidence: gate.confidence,
    resamples: gate.resamples,
    seed: seedFlag(flags.seed),
    allowCrossMachine: flags.allowCrossMachine,
  });
  io.out(flags.json ? JSON.stringify(report, null, 2) + '\n' : formatCompareTable(report) + '\n');
  return EXIT.ok;
}
