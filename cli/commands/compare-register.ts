/**
 * The compare / gate / merge / ab commands' argument definitions, kept here
 * so cli/main.ts only needs one line to add them. Commands never import each
 * other; where one leads into another (ab, then compare or gate) they are
 * chained here.
 */
import { Option, type Command } from 'commander';
import { EXIT, type ExitCode } from '../../core/errors.ts';
import { compareCommand } from './compare.ts';
import { gateCommand } from './gate.ts';
import { mergeCommand } from './merge.ts';
import { abCommand, abFlagsFromRun, type AbFlags } from './ab.ts';

/** `ab`, then `gate` on its two results with --gate, else `compare` (informational). */
export async function abThenCompare(base: string, head: string, flags: AbFlags): Promise<ExitCode> {
  const measured = await abCommand(base, head, flags);
  if (!measured.kept) return measured.interrupted ?? EXIT.measurementError;
  if (flags.gate) {
    const gated = await gateCommand(measured.baseDir, measured.headDir, { ...flags, seed: undefined });
    return measured.interrupted ?? gated;
  }
  await compareCommand(measured.baseDir, measured.headDir, { config: flags.config, metric: flags.metric });
  return measured.interrupted ?? (measured.failed ? EXIT.measurementError : EXIT.ok);
}

/** `run --ab BASE_CMD HEAD_CMD` hands over to the same-job A/B run. */
export async function runAbFromRun(commands: string[], flags: Parameters<typeof abFlagsFromRun>[1]): Promise<ExitCode> {
  const ab = abFlagsFromRun(commands, flags);
  return abThenCompare(ab.base, ab.head, ab.flags);
}

export function registerCompareCommands(program: Command, setExit: (code: ExitCode) => void): void {
  program
    .command('compare')
    .description(
      'ratio of medians head/base per case with a 95% bootstrap CI: faster, slower or no significant difference',
    )
    .argument('<base>', 'base results directory or results.json')
    .argument('<head>', 'head results directory or results.json')
    .option('--json', 'machine-readable output')
    .option('--metric <names>', "comma list of metrics (default: each suite's headline, e.g. wallNs)")
    .option('--seed <n>', 'bootstrap seed (default: 1; the output is deterministic)')
    .option('--config <file>', 'config file with a gate section (default: ./bench.config.ts if present)')
    .option('--allow-cross-machine', 'compare cases measured on different CPU models or architectures')
    .option(
      '--allow-incomplete',
      'compare an interrupted, killed (recovered) or still running base/head (refused otherwise, exit 1); cases cut short are marked',
    )
    .option(
      '--allow-changed-workload',
      'compare a workload whose module (sha256) differs between base and head (refused otherwise, exit 2); its rows are marked',
    )
    .action(async (base, head, flags) => setExit(await compareCommand(base, head, flags)));

  program
    .command('gate')
    .description(
      'CI regression gate: exit 0 pass, 1 error, 2 usage, 3 regression confirmed, 4 inconclusive (too noisy)',
    )
    .argument('<base>', 'base results directory or results.json')
    .argument('<head>', 'head results directory or results.json')
    .option('--noise-pct <pct>', 'changes within this are noise (default: 2)')
    .option('--warn-pct <pct>', 'confirmed slowdowns beyond this warn (default: 5)')
    .option('--fail-pct <pct>', 'confirmed slowdowns beyond this fail (default: 10)')
    .option(
      '--allow-list <file>',
      'accepted regressions (default: gate.allowList, or ./wasmbench-allow.json if present)',
    )
    .option('--metric <names>', "comma list of metrics to gate (default: each suite's headline, e.g. wallNs)")
    .option('--json', 'machine-readable output')
    .option('--json-out <file>', 'also write the JSON report to this file')
    .option('--summary <file>', 'append the Markdown summary here (default: $GITHUB_STEP_SUMMARY)')
    .option('--annotations', 'print ::error/::warning lines (default: when GITHUB_ACTIONS=true)')
    .option('--no-annotations', 'never print ::error/::warning lines')
    .option('--seed <n>', 'bootstrap seed (default: 1)')
    .option('--config <file>', 'config file with a gate section (default: ./bench.config.ts if present)')
    .option('--allow-cross-machine', 'compare cases measured on different CPU models or architectures')
    .option(
      '--allow-incomplete',
      'compare an interrupted, killed (recovered) or still running base/head (refused otherwise, exit 1); cases cut short are marked',
    )
    .option(
      '--allow-changed-workload',
      'compare a workload whose module (sha256) differs between base and head (refused otherwise, exit 2); its rows are marked',
    )
    .action(async (base, head, flags) => setExit(await gateCommand(base, head, flags)));

  program
    .command('merge')
    .description('combine runs (e.g. x64 and ARM64 jobs) into one results file; each case keeps its environment')
    .argument('<dirs...>', 'results directories or results.json files')
    .option('--out <dir>', 'output directory (required)')
    .option('--force', 'replace the results already in --out')
    .option('--no-report', 'do not render reports into --out')
    .action(async (dirs, flags) => setExit(await mergeCommand(dirs, flags)));

  program
    .command('ab')
    .description(
      'same-job A/B: base and head commands of a runtime (and the native twin) interleaved in shuffled rounds; writes OUT/base and OUT/head',
    )
    .argument(
      '<base-cmd>',
      'base runtime command, e.g. "/opt/base/wasmtime run" (module appended, or put {wasm} where it goes)',
    )
    .argument('<head-cmd>', 'head runtime command, e.g. "/opt/head/wasmtime run"')
    .option('--fixture <names>', 'startup fixtures (default: noop,hello)')
    .option('--iterations <n>', 'rounds, i.e. recorded samples per command (default: 20)')
    .option('--warmups <n>', 'unrecorded warmup rounds (default: 3)')
    .option('--seed <n>', 'seed of the per-round shuffle (default: random, recorded)')
    .option('--timeout-ms <n>', 'per-sample timeout (default: 60000)')
    .option('--name <id>', 'runtime name in case ids (default: ab)')
    .option('--mode <mode>', 'tier label of the cases (default: tiered)')
    .option('--no-native', 'do not measure the native twin')
    .addOption(
      new Option('--timing <method>', 'how process samples are timed').choices(['auto', 'wait4-helper', 'node-spawn']),
    )
    .option('--out <dir>', 'output directory (default: results/ab-<run-id>)')
    .option('--force', 'replace the A/B run already in --out, once the new one has taken its first sample')
    .option('--gate', 'run the gate on the result and exit with its code (0/1/2/3/4)')
    .option('--allow-list <file>', 'with --gate: accepted regressions')
    .option('--noise-pct <pct>', 'with --gate: noise threshold (default: 2)')
    .option('--warn-pct <pct>', 'with --gate: warn threshold (default: 5)')
    .option('--fail-pct <pct>', 'with --gate: fail threshold (default: 10)')
    .option('--summary <file>', 'with --gate: append the Markdown summary here (default: $GITHUB_STEP_SUMMARY)')
    .option('--json-out <file>', 'with --gate: also write the JSON report here')
    .option('--config <file>', 'config file with a gate section')
    .action(async (base, head, flags) => setExit(await abThenCompare(base, head, flags)));
}
