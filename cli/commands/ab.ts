/**
 * `wasmbench ab BASE_CMD HEAD_CMD`: same-job A/B of two builds of a runtime
 * (plus the native twin), interleaved in rounds shuffled per round with a
 * seed; writes OUT/base and OUT/head. The compare (or gate, with --gate)
 * that follows is chained by the command's registration (compare-register.ts).
 */
import { randomInt } from 'node:crypto';
import { EXIT, type ExitCode, UsageError } from '../../core/errors.ts';
import { RunEventBus } from '../../core/events.ts';
import { splitCommand } from '../../core/ab/command.ts';
import { AB_RUN_FILES, runAb } from '../../core/ab/run.ts';
import { adapterFor } from '../../runners/registry.ts';
import { planAb } from '../../suites/ab/cases.ts';
import { MODES, type Mode } from '../../runners/types.ts';
import { onInterrupt } from '../interrupt.ts';
import { attachProgress } from '../progress.ts';
import type { GateFlags } from './gate.ts';
import { list } from './gate-options.ts';
import { intFlag } from '../int-flag.ts';
import { freshRunId } from '../../core/run-id.ts';
import { checkOutDir } from '../../core/results/out-dir.ts';

export interface AbFlags extends GateFlags {
  fixture?: string;
  iterations?: string;
  warmups?: string;
  timeoutMs?: string;
  out?: string;
  name?: string;
  mode?: string;
  native?: boolean;
  timing?: 'auto' | 'wait4-helper' | 'node-spawn';
  gate?: boolean;
  /** Replace an A/B run already in --out, once the new one has taken its first sample. */
  force?: boolean;
}

function whole(flag: string, value: string | undefined, fallback: number, min = 0): number {
  return intFlag(flag, value, { min, example: 20 }) ?? fallback;
}

function mode(value: string | undefined): Mode {
  if (value === undefined) return 'tiered';
  if (!(MODES as readonly string[]).includes(value))
    throw new UsageError(`unknown mode "${value}"`, `valid modes: ${MODES.join(', ')}`);
  return value as Mode;
}

/** Where the two results files went, and whether a case errored or the run was cut short. */
export interface AbMeasured {
  baseDir: string;
  headDir: string;
  failed: boolean;
  /** False when nothing was sampled and --out kept the A/B run it held (nothing to compare). */
  kept: boolean;
  /** 128 + signal when Ctrl-C or SIGTERM cut the run short, else null. */
  interrupted: ExitCode | null;
}

export async function abCommand(baseText: string, headText: string, flags: AbFlags): Promise<AbMeasured> {
  const runId = freshRunId('ab-');
  const name = flags.name ?? 'ab';
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(name))
    throw new UsageError(`--name "${name}" must be a plain word`, 'e.g. --name wasmtime');
  const request = {
    runId,
    name,
    base: splitCommand(baseText, 'base'),
    head: splitCommand(headText, 'head'),
    fixtures: list(flags.fixture) ?? ['noop', 'hello'],
    mode: mode(flags.mode),
    warmups: whole('warmups', flags.warmups, 3),
    iterations: whole('iterations', flags.iterations, 20, 1),
    timeoutMs: whole('timeout-ms', flags.timeoutMs, 60_000, 1),
    seed: whole('seed', flags.seed, randomInt(0, 2 ** 31)),
    out: flags.out ?? `results/${runId}`,
    native: flags.native !== false,
    timing: flags.timing ?? 'auto',
    force: flags.force,
  } as const;
  checkOutDir(request.out, { force: flags.force, runFiles: AB_RUN_FILES });
  const bus = new RunEventBus();
  const controller = new AbortController();
  const progress = attachProgress(bus, { interactive: Boolean(process.stderr.isTTY) && !process.env.CI });
  const interrupt = onInterrupt(controller, () => {});
  process.stderr.write(
    `wasmbench ab ${runId}: ${request.fixtures.length} fixture(s) x base/head${request.native ? '/native' : ''}, ${request.iterations} rounds, seed ${request.seed}\n`,
  );
  let outcome: Awaited<ReturnType<typeof runAb>>;
  try {
    const native = request.native ? adapterFor('native') : null;
    outcome = await runAb({
      ...request,
      bus,
      signal: controller.signal,
      plan: (ctx) => planAb({ ...request, native }, ctx),
    });
  } finally {
    progress.stop();
    interrupt.release();
  }
  for (const note of outcome.notes) process.stderr.write(`note: ${note}\n`);
  if (outcome.kept)
    process.stderr.write(`wrote ${outcome.outDir}/base/results.json and ${outcome.outDir}/head/results.json\n`);
  else process.stderr.write(`error: nothing was sampled, so ${outcome.outDir} keeps the A/B run it held\n`);
  const errored = [...outcome.base.cases, ...outcome.head.cases].some((c) => c.status === 'errored');
  const interrupted = outcome.base.state === 'interrupted' ? (interrupt.exitCode ?? EXIT.interrupted) : null;
  return {
    baseDir: `${outcome.outDir}/base`,
    headDir: `${outcome.outDir}/head`,
    failed: errored || interrupted !== null,
    kept: outcome.kept,
    interrupted,
  };
}

/** `run --ab BASE_CMD HEAD_CMD`: the run flags that mean the same for ab. */
export function abFlagsFromRun(
  commands: string[],
  flags: AbFlags & { fixture?: string; timing?: string },
): { base: string; head: string; flags: AbFlags } {
  if (commands.length !== 2) {
    throw new UsageError(
      `--ab takes two commands, got ${commands.length}`,
      'quote each: --ab "/opt/base/wasmtime run" "/opt/head/wasmtime run"',
    );
  }
  const { fixture, iterations, warmups, seed, timeoutMs, out, timing, config, force } = flags;
  return {
    base: commands[0],
    head: commands[1],
    flags: { fixture, iterations, warmups, seed, timeoutMs, out, timing: timing as AbFlags['timing'], config, force },
  };
}
