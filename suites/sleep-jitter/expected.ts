/**
 * The expected-output check against the oracle: the committed
 * expected.stdout was produced by the NATIVE build of the guest for the
 * fixture's defaultArgs (fixtures/build.ts). The suite derives the expected
 * output for other arguments from the same format, and refuses to run if the
 * format and the oracle disagree (the C program changed without this file).
 */
import { WasmbenchError } from '../../core/errors.ts';
import type { Fixture } from '../../core/workloads/manifest.ts';
import { expectedStdout, type Deadline } from './options.ts';

export function checkAgainstOracle(fixture: Fixture): void {
  const [deadline, intervalNs, wakeups] = fixture.defaultArgs;
  const derived = expectedStdout(
    { deadline: deadline as Deadline, intervalNs: Number(intervalNs), edge: false, id: '' },
    Number(wakeups),
  );
  if (derived !== fixture.expectedStdout) {
    throw new WasmbenchError(
      `sleep-jitter: the expected output derived for ${fixture.defaultArgs.join(' ')} (${JSON.stringify(derived)}) differs from the native oracle ${fixture.expectedStdoutPath} (${JSON.stringify(fixture.expectedStdout)})`,
      undefined,
      'update expectedStdout() in suites/sleep-jitter/options.ts to the format main.c prints, then `npx tsx fixtures/build.ts build sleep`',
    );
  }
}
