/**
 * The sleep-jitter suite: the "sleep 1 s ten times" drift test, generalised.
 * A guest (fixtures/wasm/sleep) sleeps N times and reports each wakeup's
 * overshoot; it runs on every available runtime x mode and natively, with
 * reference rows from Node's own timers in the harness and from cyclictest.
 * See docs/sleep-jitter.md.
 */
import { UsageError } from '../../core/errors.ts';
import { assertValidWasm, loadFixture } from '../../core/workloads/manifest.ts';
import type { PlannedCase, Suite } from '../types.ts';
import { runtimeCases } from './cases.ts';
import { cyclictestCase, cyclictestProblem, findCyclictest } from './cyclictest.ts';
import { checkAgainstOracle } from './expected.ts';
import { governingFacts } from './governing.ts';
import { harnessCase } from './harness-timers.ts';
import { resolveSleepJitter, sleepVariants } from './options.ts';
import { sleepAnalyses } from './analysis.ts';

export const SLEEP_FIXTURE = 'sleep';

export const sleepJitterSuite: Suite = {
  id: 'sleep-jitter',
  description:
    "sleep N x interval and record every wakeup's overshoot (relative or absolute deadlines), with HDR histograms",
  async plan(ctx) {
    const options = resolveSleepJitter(ctx.config);
    const fixture = await loadFixture(SLEEP_FIXTURE).catch((err: Error) => {
      throw new UsageError(
        `sleep-jitter fixture: ${err.message}`,
        'rebuild it with `npx tsx fixtures/build.ts build sleep`',
      );
    });
    assertValidWasm(fixture.wasmPath);
    checkAgainstOracle(fixture);
    const variants = sleepVariants(options);
    const governing = await governingFacts();
    const cases: PlannedCase[] = runtimeCases(ctx, fixture, variants, options, governing);
    if (!options.references) return cases;
    cases.push(...variants.map((v) => harnessCase(ctx, v, options, governing)));
    const tool = await findCyclictest();
    if (!tool) return cases;
    for (const variant of variants)
      if (!cyclictestProblem(variant)) cases.push(cyclictestCase(ctx, tool, variant, options, governing));
    return cases;
  },
  analyze(cases) {
    return sleepAnalyses(cases);
  },
};
