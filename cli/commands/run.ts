/** `wasmbench run`: resolve config, run the suites, write and summarise results. */
import { randomBytes } from 'node:crypto';
import { findConfigFile, loadConfigFile } from '../../core/config/load.ts';
import { mergeConfigs, resolveConfig } from '../../core/config/resolve.ts';
import { EXIT, type ExitCode, UsageError } from '../../core/errors.ts';
import { RunEventBus } from '../../core/events.ts';
import { runBenchmarks } from '../../core/run.ts';
import { idsWithoutAdapter } from '../../core/runtimes.ts';
import { renderReports } from '../../reports/render.ts';
import { formatSummaryTable } from '../../reports/console-table.ts';
import { flagsToConfig, type RunFlags } from '../options.ts';
import { attachProgress } from '../progress.ts';
import { onInterrupt } from '../interrupt.ts';

export interface RunCommandFlags extends RunFlags {
  config?: string;
  report?: boolean;
  /** `--ab BASE_CMD HEAD_CMD`: hand over to the same-job A/B run. */
  ab?: string[];
}

export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}

export async function runCommand(flags: RunCommandFlags): Promise<ExitCode> {
  if (flags.ab) return runAb(flags.ab, flags);
  const cliLayer = flagsToConfig(flags);
  const configPath = await findConfigFile(flags.config, process.cwd());
  const fileLayer = configPath ? await loadConfigFile(configPath) : undefined;
  const runId = newRunId();
  const config = resolveConfig(mergeConfigs(fileLayer, cliLayer), { source: configPath, runId });
  const missing = idsWithoutAdapter(config.runtimes);
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
      config, runId, bus, signal: controller.signal,
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
  process.stdout.write(formatSummaryTable(outcome.file) + '\n');
  if (flags.report !== false) {
    const written = await renderReports(outcome.outDir);
    process.stderr.write(`wrote ${outcome.outDir}/results.json${written.length ? ', ' + written.join(', ') : ''}\n`);
  }
  if (outcome.file.state === 'interrupted') return EXIT.measurementError;
  return outcome.file.cases.some((c) => c.status === 'errored') ? EXIT.measurementError : EXIT.ok;
}

async function runAb(commands: string[], flags: RunCommandFlags): Promise<ExitCode> {
  if (commands.length !== 2) {
    throw new UsageError(`--ab takes two commands, got ${commands.length}`, 'quote each: --ab "/opt/base/wasmtime run" "/opt/head/wasmtime run"');
  }
  // Imported here: ab.ts imports newRunId from this file.
  const { abCommand } = await import('./ab.ts');
  const { fixture, iterations, warmups, seed, timeoutMs, out, timing, config } = flags;
  return abCommand(commands[0], commands[1], { fixture, iterations, warmups, seed, timeoutMs, out, timing: timing as 'auto' | 'wait4-helper' | 'node-spawn' | undefined, config });
}
