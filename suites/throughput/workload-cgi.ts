/**
 * The `cgi` variant with the user's own handlers: a workload opted in with
 * `cgi` (config) or `--cgi` runs per request on every runtime the variant
 * supports, under the same contract as the bundled handler: the request
 * body on stdin, a CGI response (headers, blank line, body) on stdout, the
 * CGI variables in the runtime process's environment. Workloads that did
 * not opt in are skipped with that reason.
 */
import { UsageError } from '../../core/errors.ts';
import { planMatrix } from '../../core/plan/matrix.ts';
import type { SkipReason } from '../../core/plan/skip.ts';
import { workloadFixture } from '../../core/workloads/fixture.ts';
import { rewrittenModule } from '../../core/workloads/rewrite-cache.ts';
import type { Workload } from '../../core/workloads/types.ts';
import type { CacheState, RunSpec } from '../../runners/types.ts';
import { modeVariant } from '../guest-case.ts';
import type { PlannedCase, RuntimeHandle, SuiteContext } from '../types.ts';
import { workloadSkipReason } from '../workload-support.ts';
import { skippedThroughputCase, throughputCase, type ThroughputCaseSpec } from './cases.ts';
import { parseCgiResponse } from './servers/cgi-response.mjs';
import { adapterCgiServer } from './variants.ts';
import { cgiColdSkip } from './cgi-cold.ts';

type Common = Pick<ThroughputCaseSpec, 'opts' | 'cpus' | 'tasksetPath'>;

export const NOT_CGI =
  'the workload is not marked as a CGI handler: add cgi: true (or cgi: { args: [...] }) to it in bench.config.ts, or pass --cgi with --wasm, when it reads the request body on stdin and prints a CGI response';

/** The body every response must have, from the workload's expected stdout (its whole CGI output), and how it is checked. */
export function cgiExpectation(w: Workload): { body: string | null; responseCheck: string } {
  const unchecked = 'response bodies not checked (status 200 only)';
  if (w.expectedStdout === null || w.check === 'ignore')
    return { body: null, responseCheck: `${unchecked}: the workload gives no expectedStdout` };
  if (w.check === 'regex')
    return { body: null, responseCheck: `${unchecked}: a regex expectedStdout is not compared per response` };
  let parsed: ReturnType<typeof parseCgiResponse>;
  try {
    parsed = parseCgiResponse(Buffer.from(w.expectedStdout));
  } catch (err) {
    throw new UsageError(
      `workload "${w.name}": its expectedStdout is not a CGI response (${(err as Error).message})`,
      'as a cgi handler its expectedStdout is its whole output for the suite request: headers, a blank line, then the body',
    );
  }
  return {
    body: parsed.body.toString('utf8'),
    responseCheck: `every response body equals the body of expectedStdout${w.expectedStdoutFile ? ` (${w.expectedStdoutFile})` : ''}`,
  };
}

function notCgiSkips(ctx: SuiteContext, w: Workload): PlannedCase[] {
  return ctx.runtimes.map((h) => {
    const skip: SkipReason = {
      kind: 'workload-unsupported',
      runtime: h.detection.id,
      workload: w.name,
      detail: NOT_CGI,
    };
    return skippedThroughputCase('cgi', h.detection.id, h.detection.host, skip);
  });
}

/** The cgi cases of the user's workloads: opted-in ones on every runtime that can run them, the others skipped. */
export function workloadCgiCases(
  ctx: SuiteContext,
  workloads: Workload[],
  common: Common,
  pick: (allowed: CacheState[]) => CacheState | undefined,
): PlannedCase[] {
  const handlers = workloads.filter((w) => w.cgi);
  const entries = planMatrix(ctx.config, ctx.runtimes, {
    workloads: handlers,
    modes: 'default',
    cacheStates: pick,
    unsupported: workloadSkipReason,
  });
  const planned = entries.map((entry) => {
    if (entry.kind === 'skip')
      return skippedThroughputCase('cgi', entry.handle.detection.id, entry.handle.detection.host, entry.reason);
    return (
      cgiColdSkip(entry.handle, entry.mode, entry.cacheState, entry.workload.name) ??
      handlerCase(ctx, entry.handle, entry.workload, entry.mode, entry.cacheState, common)
    );
  });
  return [...planned, ...workloads.filter((w) => !w.cgi).flatMap((w) => notCgiSkips(ctx, w))];
}

function handlerCase(
  ctx: SuiteContext,
  handle: RuntimeHandle & { detection: Extract<RuntimeHandle['detection'], { available: true }> },
  workload: Workload,
  mode: ThroughputCaseSpec['mode'],
  cacheState: CacheState,
  common: Common,
): PlannedCase {
  const { adapter, detection } = handle;
  const args = workload.cgi!.args;
  const expected = cgiExpectation(workload);
  const planned = throughputCase(ctx, {
    ...common,
    fixture: workloadFixture(workload),
    workload,
    expectBody: expected.body,
    params: {
      handler: { workload: workload.name, args },
      responseCheck: expected.responseCheck,
      ...(workload.stdinFile ? { stdin: 'the request body (the workload stdin file is not used here)' } : {}),
    },
    variant: 'cgi',
    runtime: detection,
    mode,
    cacheState,
    modeVariant: modeVariant(detection.modes, mode),
    async prepareServer(workDir, maxLifetimeMs) {
      let fixture = workloadFixture(workload);
      // CLI runtimes cannot be given the bench imports: they run the rewritten copy, as in the startup suite.
      if (workload.module.benchMarkers && detection.host === 'cli') {
        const rewritten = await rewrittenModule(workload);
        fixture = workloadFixture(workload, rewritten.path);
        if (planned.header.workload) planned.header.workload.rewritten = rewritten;
      }
      const runSpec: RunSpec = {
        fixture,
        args,
        env: {},
        mode: mode.mode,
        modeName: mode.modeName,
        cacheState,
        workDir,
        workload,
      };
      const limits = { maxLifetimeMs, requestTimeoutMs: common.opts.requestTimeoutMs };
      const spec = await adapterCgiServer(adapter, detection, runSpec, limits, workload.cwd);
      return async () => spec;
    },
  });
  return planned;
}
