/**
 * The wasmbench command line: argument parsing and exit codes only.
 * Exit codes: 0 ok, 1 a measurement error, 2 bad usage or config
 * (gate adds 3 regression, 4 inconclusive).
 */
import { Command, CommanderError, Option } from 'commander';
import { EXIT, type ExitCode, formatError, WasmbenchError } from '../core/errors.ts';
import { PROFILES } from '../core/config/types.ts';
import { SUITE_IDS } from '../core/results/model.ts';
import { RUNTIME_IDS } from '../runners/ids.ts';
import { MODES, CACHE_STATES } from '../runners/types.ts';
import { doctorCommand } from './commands/doctor.ts';
import { fixturesCommand } from './commands/fixtures.ts';
import { reportCommand } from './commands/report.ts';
import { runCommand } from './commands/run.ts';
import { serveCommand } from './commands/serve.ts';
import { schemaCommand } from './commands/schema.ts';
import { registerCompareCommands, runAbFromRun } from './commands/compare-register.ts';

function buildProgram(setExit: (code: ExitCode) => void): Command {
  const program = new Command('wasmbench')
    .description('Benchmark WebAssembly runtimes: cold start, tiers, sleep jitter, HTTP throughput.')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');

  program
    .command('run')
    .description('run benchmark suites and write DIR/results.json, samples.csv and summary.csv')
    .option('--suite <ids>', `comma list of suites: ${SUITE_IDS.join(', ')} (default: startup)`)
    .option('--runtime <ids>', `comma list of runtimes: ${RUNTIME_IDS.join(', ')} (default: node,native)`)
    .option('--mode <modes>', `only these modes: ${MODES.join(', ')} (default: all a runtime supports)`)
    .option('--cache-state <states>', `only these cache states: ${CACHE_STATES.join(', ')}`)
    .option('--profile <name>', `sample counts: ${PROFILES.join(', ')} (default: standard)`)
    .option('--iterations <n>', 'recorded samples per case (default: quick 5, standard 20, publish 50)')
    .option('--warmups <n>', 'unrecorded warmup samples per case (default: quick 1, standard 3, publish 5)')
    .option('--fixture <names>', 'startup suite fixtures (default: per profile)')
    .option(
      '--interval <duration>',
      'sleep-jitter: sleep per wakeup, e.g. 1s, 10ms, 1.5ms, 500us (default: 1s; quick 10ms); --iterations = wakeups per process there',
    )
    .addOption(
      new Option(
        '--deadline <mode>',
        'sleep-jitter: relative nanosleep, absolute clock_nanosleep deadlines, or both (default: relative)',
      ).choices(['relative', 'absolute', 'both']),
    )
    .addOption(
      new Option(
        '--load <kind>',
        'sleep-jitter: cpu = worker threads spin on the other cores during every sample (default: none)',
      ).choices(['none', 'cpu']),
    )
    .option('--seed <n>', 'seed of the interleaving shuffle (default: random, recorded)')
    .option('--timeout-ms <n>', 'per-sample timeout; the process group is killed past it (default: 60000)')
    .option('--out <dir>', 'output directory (default: results/<run-id>, always new)')
    .option('--force', 'replace the run already in --out, once the new run has taken its first sample')
    .addOption(
      new Option('--timing <method>', 'how process samples are timed').choices(['auto', 'wait4-helper', 'node-spawn']),
    )
    .option('--config <file>', 'config file (default: ./bench.config.ts if present)')
    .option('--no-report', 'do not render reports after the run')
    .option(
      '--ab <commands...>',
      'same-job A/B of two builds of a runtime: --ab "BASE_CMD" "HEAD_CMD" (as `wasmbench ab`; see its --help)',
    )
    .option(
      '--wasm <file|dir>',
      'your own WASI module, or a directory of them (Sightglass layout supported); repeatable; replaces the startup fixtures',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option(
      '--cgi',
      'every --wasm module is a CGI handler (request body on stdin, CGI response on stdout): the throughput suite runs it as its cgi variant',
    )
    .argument('[guest-args...]', 'after --: arguments passed to every --wasm module')
    .action(async (guestArgs: string[], flags) =>
      setExit(await (flags.ab ? runAbFromRun(flags.ab, flags) : runCommand({ ...flags, guestArgs }))),
    );

  program
    .command('doctor')
    .description('list every runtime: found or not, version, host, modes, and how to install missing ones')
    .option('--json', 'machine-readable output: {runtimes: [...], timing}')
    .action(async (flags) => setExit(await doctorCommand(flags)));

  program
    .command('fixtures')
    .description(
      'build: rebuild the committed .wasm fixtures from their C sources; verify: prove they rebuild byte for byte',
    )
    .argument('<action>', 'build or verify')
    .argument('[names...]', 'fixture names (default: all)')
    .action(async (action, names) => setExit(await fixturesCommand(action, names)));

  program
    .command('serve')
    .description(
      'start one throughput server by hand on 127.0.0.1 (as the throughput suite does) and leave it running until Ctrl-C',
    )
    .argument('<variant>', 'node-js, node-wasm-reuse, node-wasm-fresh, cgi or wasmtime-serve')
    .option('--port <n>', 'port on 127.0.0.1 (default: a free one, printed as "listening 127.0.0.1:PORT")')
    .option('--runtime <id>', 'cgi only: the runtime that runs the handler per request (e.g. native, node)')
    .option(
      '--mode <mode>',
      'tier: node variants tiered/baseline/optimizing; cgi: a mode of --runtime (default: its first)',
    )
    .option('--rounds <n>', 'SHA-256 rounds per request, the handler work (default: 16)')
    .action(async (variant, flags) => setExit(await serveCommand(variant, flags)));

  program
    .command('report')
    .description('re-render every report from DIR/results.json')
    .argument('<dir>', 'a results directory (the --out of a run)')
    .action(async (dir) => setExit(await reportCommand(dir)));

  program
    .command('schema')
    .description('print the JSON Schema of a wasmbench file (results: results.json; also in docs/results.schema.json)')
    .argument('<name>', 'results')
    .action(async (name) => setExit(await schemaCommand(name)));

  registerCompareCommands(program, setExit);

  return program;
}

export async function main(argv: string[]): Promise<ExitCode> {
  let exitCode: ExitCode = EXIT.ok;
  const program = buildProgram((code) => (exitCode = code));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end with exit code 0; every other parse error is bad usage.
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    process.stderr.write(formatError(err) + '\n');
    return err instanceof WasmbenchError ? err.exitCode : EXIT.measurementError;
  }
}
