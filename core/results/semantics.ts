/**
 * What a metric means, as data in the results (`MetricResult.semantics`),
 * so reporters and compare/gate read it instead of guessing from names or
 * from the suite's prose.
 */
import type { MetricSemantics, MetricUnit } from './schema.ts';

export type { MetricSemantics };

/** The default when a suite states nothing more: rates (req/s, "...PerSec") grow when better, everything else shrinks. */
export function defaultSemantics(name: string, unit: MetricUnit): MetricSemantics {
  return { better: unit === 'req/s' || /PerSec$/i.test(name) ? 'higher' : 'lower' };
}
