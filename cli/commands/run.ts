/** `wasmbench run`: resolve config, run the suites, write and summarise results. */
import { dirname, resolve } from 'node:path';
import { findConfigFile, loadConfigFile } from '../../core/config/load.ts';
import { mergeConfigs, resolveConfig } from '../../core/config/resolve.ts';
import { EXIT, type ExitCode, UsageError } from '../../core/errors.ts';
import { RunEventBus } from '../../core/events.ts';
import { runBenchmarks } from '../../core/run.ts';
import { freshRunId } from '../../core/run-id.ts';
import type { ResultsFile } from '../../core/results/model.ts';
import { checkOutDir } from '../../core/results/out-dir.ts';
import { nothingMeasuredReasons, unavailableRuntimeWarnings } from '../../core/results/run-health.ts';
import { builtIns } from '../built-ins.ts';
import { idsWithoutAdapter } from '../../core/runtimes.ts';
import { renderReports } from '../../reports/render.ts';
import { formatSummaryTable } from '../../reports/console-table.ts';
import { flagsToConfig, type RunFlags } from '../options.ts';
import { attachProgress } from '../progress.ts';
import { onInterrupt } from '../interrupt.ts';

export interface RunCommandFlags extends RunFlags {
  config?: string;
  report?: boolean;
  /** Replace a run already in --out, once the new run has taken its first sample. */
  force?: boolean;
}

export async function runCommand(flags: RunCommandFlags): Promise<ExitCode> {
  const cliLayer = flagsToConfig(flags);
  const configPath = await findConfigFile(flags.config, process.cwd());
  const fileLayer = configPath ? await loadConfigFile(configPath) : undefined;
  const runId = freshRunId();
  // --wasm paths are relative to the cwd; the config file's workloads to the file's directory.
  const workloadsBaseDir = cliLayer.workloads || !configPath ? process.cwd() : dirname(resolve(configPath));
  const config = resolveConfig(mergeConfigs(fileLayer, cliLayer), { source: configPath, runId, workloadsBaseDir });
  const registry = builtIns();
  const missing = idsWithoutAdapter(registry.adapters, config.runtimes);
  if (missing.length) {
    throw new UsageError(
      `no adapter for runtime(s) ${missing.join(', ')} in this version of wasmbench`,
      'run `wasmbench doctor` to see the runtimes this version can drive',
    );
  }
  // Fails fast (exit 2) on a bad --out, before anything is detected or written.
  const existing = checkOutDir(config.out, { force: flags.force }).existingRun;
  const bus = new RunEventBus();
  const controller = new AbortController();
  const progress = attachProgress(bus, { interactive: Boolean(process.stderr.isTTY) && !process.env.CI });
  let flushNow = () => {};
  const interrupt = onInterrupt(controller, () => flushNow());
  let outcome: Awaited<ReturnType<typeof runBenchmarks>>;
  try {
    process.stderr.write(
      `wasmbench run ${runId}: suites ${config.suites.join(', ')}; runtimes ${config.runtimes.join(', ')}; profile ${config.profile}; seed ${config.seed}; out ${config.out}${existing ? ` (replacing run ${existing.runId ?? '?'} once this one starts)` : ''}\n`,
    );
    outcome = await runBenchmarks({
      ...registry,
      config,
      runId,
      bus,
      signal: controller.signal,
      force: flags.force,
      onRecorder: (recorder, file, out) => {
        flushNow = () => {
          file.state = 'interrupted';
          file.finishedAt = new Date().toISOString();
          recorder.settleInFlight();
          recorder.flush();
          out.settle();
        };
      },
    });
  } finally {
    progress.stop();
    interrupt.release();
  }
  // The console table always; the file reporters unless --no-report. A run that did not replace --out has only its table.
  const stdout = (text: string) => process.stdout.write(text);
  if (!outcome.kept) {
    stdout(formatSummaryTable(outcome.file) + '\n');
    process.stderr.write(
      `${outcome.outDir} still holds run ${existing?.runId ?? '?'}: this run took no sample, so it did not replace it\n`,
    );
  } else {
    const written = await renderReports(outcome.outDir, {
      stdout,
      only: flags.report === false ? ['console'] : undefined,
    });
    if (flags.report !== false)
      process.stderr.write(`wrote ${outcome.outDir}/results.json${written.length ? ', ' + written.join(', ') : ''}\n`);
  }
  for (const line of unavailableRuntimeWarnings(outcome.file))
    process.stderr.write(`warning: requested runtime ${line}\n`);
  return runExitCode(outcome.file, interrupt.exitCode);
}

/** Interrupted: 128 + signal; nothing measured or a case errored: 1 (with the reasons); else 0. */
function runExitCode(file: ResultsFile, interrupted: ExitCode | null): ExitCode {
  if (file.state === 'interrupted') return interrupted ?? EXIT.interrupted;
  const nothing = nothingMeasuredReasons(file);
  if (nothing) {
    process.stderr.write(
      `error: nothing was measured:\n${nothing.map((l) => `  - ${l}`).join('\n')}\n  fix: install or repair the runtimes above (see \`wasmbench doctor\`), or choose others with --runtime\n`,
    );
    return EXIT.measurementError;
  }
  return file.cases.some((c) => c.status === 'errored') ? EXIT.measurementError : EXIT.ok;
}
