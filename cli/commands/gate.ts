/**
 * `wasmbench gate BASE HEAD`: the CI regression gate. Exit 0 pass (warnings
 * allowed), 1 error (a case errored or is missing, a file is corrupt),
 * 2 usage/config, 3 regression confirmed, 4 inconclusive (too noisy).
 */
import { appendFile, writeFile } from 'node:fs/promises';
import type { ExitCode } from '../../core/errors.ts';
import { compareResults } from '../../core/compare/compare.ts';
import { evaluateGate } from '../../core/compare/gate.ts';
import { loadPair } from '../../core/compare/load.ts';
import { formatGateTable } from '../../reports/compare-table.ts';
import { gateMarkdown } from '../../reports/compare-markdown.ts';
import { gateAnnotations } from '../../reports/compare-annotations.ts';
import {
  allowListFor,
  gateSettingsFromConfig,
  list,
  pctFlag,
  seedFlag,
  PROCESS_IO,
  type CommandIo,
} from './gate-options.ts';

export interface GateFlags {
  json?: boolean;
  /** Also write the JSON report to this file. */
  jsonOut?: string;
  metric?: string;
  seed?: string;
  config?: string;
  allowList?: string;
  noisePct?: string;
  warnPct?: string;
  failPct?: string;
  /** Markdown summary file. @default $GITHUB_STEP_SUMMARY */
  summary?: string;
  /** Print ::error/::warning lines. @default true under GitHub Actions */
  annotations?: boolean;
  allowCrossMachine?: boolean;
  /** Compare an interrupted, killed (recovered) or running base/head anyway; cases cut short are marked. */
  allowIncomplete?: boolean;
  /** Compare a workload whose module (sha256) differs between base and head; its rows are marked. */
  allowChangedWorkload?: boolean;
}

export async function gateCommand(
  baseDir: string,
  headDir: string,
  flags: GateFlags,
  io: CommandIo = PROCESS_IO,
): Promise<ExitCode> {
  const gate = await gateSettingsFromConfig(flags.config, {
    noisePct: pctFlag('noise-pct', flags.noisePct),
    warnPct: pctFlag('warn-pct', flags.warnPct),
    failPct: pctFlag('fail-pct', flags.failPct),
  });
  const allowList = await allowListFor(flags.allowList, gate);
  const { base, head, incomplete } = await loadPair(baseDir, headDir, { allowIncomplete: flags.allowIncomplete });
  for (const note of incomplete) io.err(`warning: incomplete ${note}\n`);
  const compared = compareResults(base, head, {
    metrics: list(flags.metric) ?? gate.metrics,
    confidence: gate.confidence,
    resamples: gate.resamples,
    seed: seedFlag(flags.seed),
    allowCrossMachine: flags.allowCrossMachine,
    allowChangedWorkload: flags.allowChangedWorkload,
  });
  if (incomplete.length) compared.incomplete = incomplete;
  const report = evaluateGate(compared, gate, allowList, new Date().toISOString().slice(0, 10));
  io.out(flags.json ? JSON.stringify(report, null, 2) + '\n' : formatGateTable(report) + '\n');
  if (flags.annotations ?? process.env.GITHUB_ACTIONS === 'true') {
    for (const line of gateAnnotations(report)) io.out(line + '\n');
  }
  if (flags.jsonOut) await writeFile(flags.jsonOut, JSON.stringify(report, null, 2) + '\n');
  const summaryPath = flags.summary ?? process.env.GITHUB_STEP_SUMMARY;
  if (summaryPath) await appendFile(summaryPath, gateMarkdown(report) + '\n');
  io.err(`wasmbench gate: exit ${report.exitCode}: ${report.headline}\n`);
  return report.exitCode;
}
