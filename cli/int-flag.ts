/** The one parser of whole-number flags (--iterations, --seed, --port, ...). */
import { UsageError } from '../core/errors.ts';

export interface IntFlagRange {
  /** @default 0 */
  min?: number;
  max?: number;
  /** The value shown in the hint. @default 10 */
  example?: number;
}

/** undefined when the flag is absent; else a whole number within the range, or a UsageError naming the flag. */
export function intFlag(flag: string, value: string | undefined, range: IntFlagRange = {}): number | undefined {
  if (value === undefined) return undefined;
  const { min = 0, max, example = 10 } = range;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < min || (max !== undefined && n > max)) {
    const bounds = `${min > 0 ? ` >= ${min}` : ''}${max !== undefined ? `${min > 0 ? ' and' : ''} <= ${max}` : ''}`;
    throw new UsageError(`--${flag} expects a whole number${bounds}, got "${value}"`, `e.g. --${flag} ${example}`);
  }
  return n;
}
