/**
 * Optional reference row from cyclictest (rt-tests), when installed: a
 * different method (a C thread timing clock_nanosleep wakeups, reported in
 * whole microseconds through its histogram mode), run with the same
 * interval, count and deadline mode under SCHED_OTHER like the guests.
 * Labelled runtime "cyclictest", host "native", fixture "cyclictest".
 */
import { timingOf } from '../../core/process/timer.ts';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { SampleOutcome } from '../../core/loop.ts';
import { findExecutable } from '../../runners/which.ts';
import type { PlannedCase, SuiteContext } from '../types.ts';
import { withCpuLoad } from './load.ts';
import { HISTOGRAM_NOTE, SLEEP_HISTOGRAM_METRICS, SLEEP_UNITS, overshootMetrics } from './metrics.ts';
import { processTimeoutMs, type ResolvedSleepJitter, type SleepVariant, variantParams } from './options.ts';

/** Histogram buckets (1 us each): wakeups later than this are counted as overflows by cyclictest. */
export const HISTOGRAM_BUCKETS_US = 100_000;

export interface CyclictestTool {
  path: string;
  version: string;
}

export async function findCyclictest(): Promise<CyclictestTool | null> {
  const path = await findExecutable([process.env.WASMBENCH_CYCLICTEST, 'cyclictest']);
  if (!path) return null;
  // `cyclictest --help` prints "cyclictest V 2.40" and exits non-zero.
  const output = await promisify(execFile)(path, ['--help']).then(
    (r) => r.stdout + r.stderr,
    (e: { stdout?: string; stderr?: string }) => `${e.stdout ?? ''}${e.stderr ?? ''}`,
  );
  return { path, version: /V\s*(\d+\.\d+)/.exec(output)?.[1] ?? 'unknown' };
}

/** Why cyclictest cannot run this variant, or null. */
export function cyclictestProblem(variant: SleepVariant): string | null {
  if (variant.intervalNs === 0) return 'cyclictest needs an interval of at least 1 us';
  if (variant.intervalNs % 1000 !== 0) return 'cyclictest takes whole microseconds';
  return null;
}

export function cyclictestArgv(tool: CyclictestTool, variant: SleepVariant, wakeups: number): string[] {
  return [
    tool.path,
    '-t1',
    '--policy=normal',
    '-q',
    '--laptop',
    `-i${variant.intervalNs / 1000}`,
    `-l${wakeups}`,
    `-h${HISTOGRAM_BUCKETS_US}`,
    ...(variant.deadline === 'relative' ? ['-r'] : []),
  ];
}

export interface ParsedHistogram {
  /** Latencies in ns, expanded from the 1 us buckets (ascending: cyclictest's order is lost). */
  samplesNs: number[];
  overflows: number;
}

/** Parse cyclictest's histogram output ("000067 000002" lines, "# Histogram Overflows: 00000"). */
export function parseCyclictestHistogram(stdout: string): ParsedHistogram {
  const samplesNs: number[] = [];
  let overflows = 0;
  for (const line of stdout.split('\n')) {
    const bucket = /^(\d+) (\d+)$/.exec(line.trim());
    if (bucket) {
      for (let i = 0; i < Number(bucket[2]); i++) samplesNs.push(Number(bucket[1]) * 1000);
      continue;
    }
    const over = /^# Histogram Overflows: (\d+)/.exec(line);
    if (over) overflows = Number(over[1]);
  }
  return { samplesNs, overflows };
}

function outcome(stdout: string, wakeups: number): SampleOutcome {
  const { samplesNs, overflows } = parseCyclictestHistogram(stdout);
  if (overflows > 0)
    return {
      ok: false,
      error: {
        kind: 'protocol',
        message: `${overflows} wakeup(s) later than the ${HISTOGRAM_BUCKETS_US} us histogram`,
        stderrTail: '',
      },
    };
  if (samplesNs.length !== wakeups)
    return {
      ok: false,
      error: {
        kind: 'protocol',
        message: `cyclictest histogram holds ${samplesNs.length} wakeups, expected ${wakeups}`,
        stderrTail: stdout.slice(-500),
      },
    };
  return { ok: true, metrics: overshootMetrics(samplesNs, undefined) };
}

export function cyclictestCase(
  ctx: SuiteContext,
  tool: CyclictestTool,
  variant: SleepVariant,
  options: ResolvedSleepJitter,
  governing: Record<string, unknown>,
): PlannedCase {
  const id = `sleep-jitter/cyclictest/${variant.id}`;
  const argv = cyclictestArgv(tool, variant, options.wakeups);
  const timeoutMs = processTimeoutMs(variant.intervalNs, options.wakeups, ctx.config.timeoutMs);
  const loopCase = withCpuLoad(
    {
      id,
      warmups: 0,
      iterations: options.processes,
      async takeSample(): Promise<SampleOutcome> {
        const sample = await ctx.timer.run({ argv, timeoutMs, cwd: ctx.workDir });
        if (sample.spawnError)
          return {
            ok: false,
            error: { kind: 'spawn', message: sample.spawnError, stderrTail: sample.stderr.slice(-2000) },
          };
        if (sample.timedOut)
          return {
            ok: false,
            error: {
              kind: 'timeout',
              message: `timed out after ${timeoutMs} ms`,
              stderrTail: sample.stderr.slice(-2000),
            },
          };
        if (sample.exitCode !== 0)
          return {
            ok: false,
            error: {
              kind: 'exit',
              message: `cyclictest exited with ${sample.exitCode ?? sample.signal}`,
              stderrTail: sample.stderr.slice(-2000),
            },
          };
        const result = outcome(sample.stdout, options.wakeups);
        if (result.ok) result.metrics.wallNs = sample.wallNs;
        return result;
      },
    },
    options.loadWorkers,
  );
  return {
    header: {
      id,
      suite: 'sleep-jitter',
      runtime: 'cyclictest',
      host: 'native',
      mode: 'aot',
      modeName: `cyclictest ${tool.version} (different method)`,
      cacheState: '*',
      fixture: 'cyclictest',
      params: {
        ...variantParams(variant, options),
        governing: {
          ...governing,
          sleepNotes: {
            mechanism: `cyclictest: clock_nanosleep(${variant.deadline === 'relative' ? 'relative, -r' : 'TIMER_ABSTIME'}) in one SCHED_OTHER thread (--policy=normal), cpu_dma_latency left alone (--laptop)`,
            roundsToMs: false,
            source: 'rt-tests cyclictest(8)',
          },
        },
        notes: [
          HISTOGRAM_NOTE,
          "reference row, different method: latencies are whole microseconds from cyclictest's histogram (-h), so the per-wakeup order is lost and no drift is reported",
        ],
      },
      command: argv,
      flags: [],
      ...timingOf(ctx.timer),
      warmups: 0,
    },
    units: { wallNs: 'ns', ...SLEEP_UNITS },
    histogramMetrics: SLEEP_HISTOGRAM_METRICS,
    async prepare() {},
    loopCase,
    estimateSampleMs: (variant.intervalNs * options.wakeups) / 1e6 + 20,
  };
}
