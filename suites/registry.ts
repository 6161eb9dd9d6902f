/** Suites registered by id. */
import { unknownName } from '../core/errors.ts';
import type { SuiteId } from '../core/results/model.ts';
import { startupSuite } from './startup/index.ts';
import { throughputSuite } from './throughput/index.ts';
import { sleepJitterSuite } from './sleep-jitter/index.ts';
import type { Suite } from './types.ts';

const SUITES: Suite[] = [startupSuite, throughputSuite, sleepJitterSuite];

export function allSuites(): Suite[] {
  return [...SUITES];
}

export function suiteFor(id: SuiteId | string): Suite {
  const suite = SUITES.find((s) => s.id === id);
  if (!suite)
    throw unknownName(
      'suite',
      id,
      SUITES.map((s) => s.id),
    );
  return suite;
}
