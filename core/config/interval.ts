/**
 * Durations as users write them (`1s`, `10ms`, `1.5ms`, `500us`, `250ns`),
 * parsed strictly to whole nanoseconds: anything else is a usage error that
 * shows the accepted forms.
 */
import { UsageError } from '../errors.ts';

const UNIT_NS: Record<string, number> = { s: 1e9, ms: 1e6, us: 1e3, ns: 1 };
const FORM = /^(\d+)(?:\.(\d+))?(s|ms|us|ns)$/;
/** One hour: a longer sleep is a typo, not a benchmark. */
export const MAX_INTERVAL_NS = 3600 * 1e9;
const EXAMPLES = 'e.g. 1s, 10ms, 1.5ms, 500us or 250ns';

/** Why `text` is not a valid interval, or null when it is. */
export function intervalProblem(text: string): string | null {
  const match = FORM.exec(text);
  if (!match) return `"${text}" is not a duration; write a number and a unit (s, ms, us, ns), ${EXAMPLES}`;
  const [, whole, fraction = '', unit] = match;
  const scale = UNIT_NS[unit];
  const digits = Math.log10(scale);
  if (fraction.length > digits || (unit === 'ns' && fraction))
    return `"${text}" is finer than a nanosecond; ${EXAMPLES}`;
  const ns = Number(whole) * scale + Number(fraction.padEnd(digits, '0') || 0);
  if (ns <= 0) return `"${text}" is zero; the zero-length sleep is its own edge case (sleepJitter.edgeCases)`;
  if (ns > MAX_INTERVAL_NS) return `"${text}" is longer than 1 hour`;
  return null;
}

/** Parse a user interval to whole nanoseconds; throws a UsageError naming the accepted forms. */
export function parseInterval(text: string, where = '--interval'): number {
  const problem = intervalProblem(text);
  if (problem) throw new UsageError(`${where}: ${problem}`, `pass a positive duration with a unit, ${EXAMPLES}`);
  const [, whole, fraction = '', unit] = FORM.exec(text)!;
  const scale = UNIT_NS[unit];
  return Number(whole) * scale + Number(fraction.padEnd(Math.log10(scale), '0') || 0);
}

/** Short label of a duration in ns: 1500000 -> "1.5ms", 0 -> "0ns". */
export function formatInterval(ns: number): string {
  for (const [unit, scale] of Object.entries(UNIT_NS)) {
    if (ns >= scale && ns % (scale / 1000) === 0) return `${ns / scale}${unit}`;
  }
  return `${ns}ns`;
}
