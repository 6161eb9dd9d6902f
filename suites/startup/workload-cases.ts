/**
 * Which runtimes can run which user workload, and the errored cases that
 * stand for corpus modules refused by their checks.
 */
import type { RefusedWorkload } from '../../core/workloads/load.ts';
import type { Workload } from '../../core/workloads/types.ts';
import { caseId } from '../guest-case.ts';
import type { AvailableHandle, CaseHeader, PlannedCase, SuiteContext } from '../types.ts';

/** Runtimes whose adapters pass a workload's extra preopened dirs and guest env. */
const GUEST_OPTIONS_RUNTIMES = new Set(['node', 'wasmtime', 'native']);

/** Why a runtime cannot run this workload, or null when it can. */
export function workloadSkipReason(handle: AvailableHandle, workload: Workload): string | null {
  const id = handle.detection.id;
  if (id === 'native') {
    if (workload.fixture || workload.native) return null;
    return 'the workload gives no native.command (the same program built natively); add native: { command: [...] } to it in bench.config.ts to compare with native';
  }
  const extras = [
    workload.dirs.length ? 'preopened dirs' : '',
    Object.keys(workload.env).length ? 'guest env' : '',
  ].filter(Boolean);
  if (extras.length && !GUEST_OPTIONS_RUNTIMES.has(id)) {
    return `wasmbench does not pass ${extras.join(' or ')} to ${id} yet (the workload sets them); node and wasmtime take them`;
  }
  return null;
}

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
