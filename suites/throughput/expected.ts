/**
 * The request every variant is loaded with and the response it must give.
 * The JavaScript twin (servers/handler.mjs) computes it; the fixture's
 * expected.stdout, produced by the native build, pins the twin (and hence
 * every variant) to the C implementation.
 */
import { handle, SAMPLE_BODY } from './servers/handler.mjs';
import { join } from 'node:path';
import { FIXTURES_ROOT, loadFixtureDir, type Fixture } from '../../core/workloads/manifest.ts';

export const REQUEST_BODY = SAMPLE_BODY;
export const HANDLER_FIXTURE = 'handler';

/** The handler fixture, loaded on its own so another fixture's broken manifest cannot stop this suite. */
export function handlerFixture(): Promise<Fixture> {
  return loadFixtureDir(join(FIXTURES_ROOT, HANDLER_FIXTURE));
}

export function expectedResponse(rounds: number): string {
  return handle(Buffer.from(REQUEST_BODY), rounds);
}

/** Throws when the JS twin disagrees with the native oracle for the fixture's default args. */
export function checkTwinAgainstOracle(fixture: Fixture): void {
  const [mode, rounds] = fixture.defaultArgs;
  if (mode !== 'selftest' || rounds === undefined) return;
  const twin = `${expectedResponse(Number(rounds))}\n`;
  if (twin !== fixture.expectedStdout) {
    throw new Error(
      `suites/throughput/servers/handler.mjs computes ${JSON.stringify(twin)} but the native oracle (${fixture.expectedStdoutPath}) says ${JSON.stringify(fixture.expectedStdout)}; keep the two implementations identical`,
    );
  }
}
