/**
 * The host-side reference row: the same sleep loop written with Node's own
 * timers (setTimeout), run inside the harness process itself. It is no wasm
 * guest and no runtime: it shows what the event loop that node:wasi sits on
 * can do. Labelled runtime "node-timers", host "embed-node", modeName
 * "setTimeout in the harness process", fixture "harness-loop".
 */
import { setTimeout as sleepMs } from 'node:timers/promises';
import type { SampleOutcome } from '../../core/loop.ts';
import type { PlannedCase, SuiteContext } from '../types.ts';
import { withCpuLoad } from './load.ts';
import { HISTOGRAM_NOTE, SLEEP_HISTOGRAM_METRICS, SLEEP_UNITS, overshootMetrics } from './metrics.ts';
import { processTimeoutMs, type ResolvedSleepJitter, type SleepVariant, variantParams } from './options.ts';

export const HARNESS_RUNTIME = 'node-timers';

const now = () => process.hrtime.bigint();

/**
 * One "process" worth of wakeups with setTimeout. Node takes milliseconds
 * (fractions allowed) and libuv keeps timers in whole milliseconds, which
 * this row shows. Absolute deadlines are emulated by sleeping the time left.
 */
export async function harnessSleepLoop(
  deadline: 'relative' | 'absolute',
  intervalNs: number,
  wakeups: number,
): Promise<{ overshoots: number[]; driftNs: number }> {
  const overshoots: number[] = [];
  const start = now();
  for (let k = 1; k <= wakeups; k++) {
    if (deadline === 'relative') {
      const before = now();
      await sleepMs(intervalNs / 1e6);
      overshoots.push(Number(now() - before) - intervalNs);
    } else {
      const target = start + BigInt(k * intervalNs);
      await sleepMs(Math.max(0, Number(target - now())) / 1e6);
      overshoots.push(Number(now() - target));
    }
  }
  return { overshoots, driftNs: Number(now() - start) - wakeups * intervalNs };
}

export function harnessCase(
  ctx: SuiteContext,
  variant: SleepVariant,
  options: ResolvedSleepJitter,
  governing: Record<string, unknown>,
): PlannedCase {
  const id = `sleep-jitter/${HARNESS_RUNTIME}/${variant.id}`;
  const timeoutMs = processTimeoutMs(variant.intervalNs, options.wakeups, ctx.config.timeoutMs);
  const loopCase = withCpuLoad(
    {
      id,
      warmups: 0,
      iterations: options.processes,
      async takeSample(): Promise<SampleOutcome> {
        const started = now();
        let timer: NodeJS.Timeout | undefined;
        const expired = new Promise<null>((resolve) => {
          timer = setTimeout(() => resolve(null), timeoutMs);
        });
        const result = await Promise.race([
          harnessSleepLoop(variant.deadline, variant.intervalNs, options.wakeups),
          expired,
        ]);
        clearTimeout(timer);
        if (!result)
          return {
            ok: false,
            error: {
              kind: 'timeout',
              message: `harness timer loop did not finish within ${timeoutMs} ms`,
              stderrTail: '',
            },
          };
        return {
          ok: true,
          metrics: { wallNs: Number(now() - started), ...overshootMetrics(result.overshoots, result.driftNs) },
        };
      },
    },
    options.loadWorkers,
  );
  return {
    header: {
      id,
      suite: 'sleep-jitter',
      runtime: HARNESS_RUNTIME,
      host: 'embed-node',
      mode: 'tiered',
      modeName: 'setTimeout in the harness process',
      cacheState: '*',
      fixture: 'harness-loop',
      params: {
        ...variantParams(variant, options),
        governing: {
          ...governing,
          sleepNotes: {
            mechanism:
              'node:timers/promises setTimeout on the harness event loop (libuv timers, whole milliseconds; below 1 ms Node waits 1 ms)',
            roundsToMs: true,
            source: 'Node.js timers documentation; libuv uv_timer_start takes ms',
          },
        },
        notes: [
          HISTOGRAM_NOTE,
          'reference row: not a wasm guest; the loop runs in the harness process (node ' +
            process.version +
            '), absolute deadlines emulated as "sleep the time left"',
        ],
      },
      command: [],
      flags: [],
      timing: 'in-process hrtime',
      warmups: 0,
    },
    units: { wallNs: 'ns', ...SLEEP_UNITS },
    histogramMetrics: SLEEP_HISTOGRAM_METRICS,
    async prepare() {},
    loopCase,
    estimateSampleMs: (variant.intervalNs * options.wakeups) / 1e6 + Math.max(1, options.wakeups),
  };
}
