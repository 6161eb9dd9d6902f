/** The errored cases that stand for corpus modules refused by their checks. */
import type { RefusedWorkload } from '../../core/workloads/load.ts';
import { caseId } from '../guest-case.ts';
import type { CaseHeader, PlannedCase, SuiteContext } from '../types.ts';

/** One errored case per runtime for each refused corpus module, so the run ends with exit 1 and says why. */
export function refusedCases(ctx: SuiteContext, refused: RefusedWorkload[]): PlannedCase[] {
  return refused.flatMap((r) =>
    ctx.runtimes.map((handle) => {
      const id = caseId(['startup', handle.detection.id, 'refused', r.name]);
      const header: CaseHeader = {
        id,
        suite: 'startup',
        runtime: handle.detection.id,
        host: handle.detection.host,
        mode: '*',
        modeName: '*',
        cacheState: '*',
        fixture: r.name,
        params: { wasmPath: r.wasmPath },
        command: [],
        flags: [],
        warmups: 0,
      };
      return {
        header,
        units: {},
        async prepare() {
          throw new Error(`refused ${r.wasmPath}: ${r.reason}`);
        },
        loopCase: {
          id,
          warmups: 0,
          iterations: 0,
          async takeSample() {
            throw new Error('refused case sampled');
          },
        },
      };
    }),
  );
}
