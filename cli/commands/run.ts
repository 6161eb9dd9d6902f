/** `wasmbench run`: resolve config, run the suites, write and summarise results. */
import { findConfigFile, loadConfigFile } from '../../core/config/load.ts';
import { mergeConfigs, resolveConfig } from '../../core/config/resolve.ts';
import { EXIT, type ExitCode, UsageError } from '../../core/errors.ts';
import { RunEventBus } from '../../core/events.ts';
import { runBenchmarks } from '../../core/run.ts';
import { newRunId } from '../../core/run-id.ts';
import { builtIns } from '../built-ins.ts';
import { idsWithoutAdapter } from '../../core/runtimes.ts';
import { renderReports } from '../../reports/render.ts';
import { flagsToConfig, type RunFlags } from '../options.ts';
import { attachProgress } from '../progress.ts';
import { onInterrupt } from '../interrupt.ts';

export interface RunCommandFlags extends RunFlags {
  config?: string;
  report?: boolean;
}

export async function runCommand(flags: RunCommandFlags): Promise<ExitCode> {
  const cliLayer = flagsToConfig(flags);
  const configPath = await findConfigFile(flags.config, process.cwd());
  const fileLayer = configPath ? await loadConfigFile(configPath) : undefined;
  const runId = newRunId();
  const config = resolveConfig(mergeConfigs(fileLayer, cliLayer), { source: configPath, runId });
  const registry = builtIns();
  const missing = idsWithoutAdapter(registry.adapters, config.runtimes);
  if (missing.length) {
    throw new UsageError(`no adapter for runtime(s) ${missing.join(', ')} in this version of wasmbench`, 'run `wasmbench doctor` to see the runtimes this version can drive');
  }
  const bus = new RunEventBus();
  const controller = new AbortController();
  const progress = attachProgress(bus, { interactive: Boolean(process.stderr.isTTY) && !process.env.CI });
  let flushNow = () => {};
  const release = onInterrupt(controller, () => flushNow());
  let outcome: Awaited<ReturnType<typeof runBenchmarks>>;
  try {
    process.stderr.write(`wasmbench run ${runId}: suites ${config.suites.join(', ')}; runtimes ${config.runtimes.join(', ')}; profile ${config.profile}; seed ${config.seed}; out ${config.out}\n`);
    outcome = await runBenchmarks({
      ...registry, config, runId, bus, signal: controller.signal,
      onRecorder: (recorder, file) => {
        flushNow = () => {
          file.state = 'interrupted';
          file.finishedAt = new Date().toISOString();
          recorder.flush();
        };
      },
    });
  } finally {
    progress.stop();
    release();
  }
  // The console table always; the file reporters unless --no-report.
  const stdout = (text: string) => process.stdout.write(text);
  const written = await renderReports(outcome.outDir, { stdout, only: flags.report === false ? ['console'] : undefined });
  if (flags.report !== false) process.stderr.write(`wrote ${outcome.outDir}/results.json${written.length ? ', ' + written.join(', ') : ''}\n`);
  if (outcome.file.state === 'interrupted') return EXIT.measurementError;
  return outcome.file.cases.some((c) => c.status === 'errored') ? EXIT.measurementError : EXIT.ok;
}
