/**
 * Metric names and units of the sleep-jitter suite, and how the guest's
 * protocol lines become them. Overshoot keeps its sign: a negative value is
 * an early wakeup, real data.
 */
import type { SampleMetrics } from '../../core/events.ts';
import { numbers, type GuestOutput } from '../../core/protocol.ts';
import type { MetricUnit } from '../../core/results/model.ts';

export const SLEEP_UNITS: Record<string, MetricUnit> = {
  /** actual - requested per wakeup (relative), or wakeup - deadline (absolute). */
  overshootNs: 'ns',
  /** Once per process: elapsed - wakeups x interval, the cumulative drift. */
  driftNs: 'ns',
  /** Wakeups that came before the requested time, per process. */
  earlyWakeups: 'count',
};

export const SLEEP_HISTOGRAM_METRICS = ['overshootNs'];

/** What the results say about how the histogram stores negative samples. */
export const HISTOGRAM_NOTE =
  "overshootNs histogram: HDR (hdr-histogram-js, 3 significant digits) of every wakeup; early wakeups (negative) are kept by shifting every value by the record's `offset` = min(0, min sample); real value = stored value + offset";

export function overshootMetrics(overshoots: number[], driftNs: number | undefined): SampleMetrics {
  const metrics: SampleMetrics = { overshootNs: overshoots, earlyWakeups: overshoots.filter((ns) => ns < 0).length };
  if (driftNs !== undefined) metrics.driftNs = driftNs;
  return metrics;
}

/** The guest's wakeups; a process that printed fewer than asked is a protocol error for the caller. */
export function sleepGuestMetrics(guest: GuestOutput): SampleMetrics {
  return overshootMetrics(numbers(guest, 'overshoot_ns'), numbers(guest, 'drift_ns')[0]);
}
