/**
 * A planned case that runs a guest program as a fresh process per sample on
 * one runtime, mode and cache state. Suites supply what differs: the
 * fixture, its args and expected output, and which protocol values become
 * metrics.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { SampleMetrics } from '../core/events.ts';
import type { GuestOutput } from '../core/protocol.ts';
import type { MetricUnit, SuiteId } from '../core/results/model.ts';
import { skipSentence, type SkipReason } from '../core/plan/skip.ts';
import type { Fixture } from '../core/workloads/manifest.ts';
import { workloadFixture } from '../core/workloads/fixture.ts';
import { workloadProvenance } from '../core/workloads/provenance.ts';
import { rewrittenModule } from '../core/workloads/rewrite-cache.ts';
import type { Workload } from '../core/workloads/types.ts';
import { readWriteNote } from './workload-support.ts';
import type {
  AvailableRuntime,
  CacheState,
  ModeSupport,
  PreparedCase,
  RunSpec,
  RuntimeAdapter,
} from '../runners/types.ts';
import { endedCleanly, evaluateGuestSample, runCleanup, stderrTail } from './guest-sample.ts';
import { timingOf } from '../core/process/timer.ts';
import { UNTIMED_TIMEOUT_MS } from '../runners/cli/probe.ts';
import { preparationMetrics, samplePrecompile } from './precompile-samples.ts';
import { stderrCheck } from './guest-stderr.ts';
import type { SampleOutcome } from '../core/loop.ts';
import type { CaseHeader, PlannedCase, RuntimeHandle, SuiteContext } from './types.ts';

export const PROCESS_UNITS: Record<string, MetricUnit> = {
  wallNs: 'ns',
  firstOutputNs: 'ns',
  mainEntryNs: 'ns',
  userNs: 'ns',
  sysNs: 'ns',
  maxRssBytes: 'bytes',
};

export interface GuestCaseSpec {
  suite: SuiteId;
  adapter: RuntimeAdapter;
  runtime: AvailableRuntime;
  mode: ModeSupport;
  cacheState: CacheState;
  fixture: Fixture;
  args: string[];
  /** Expected stdout without protocol lines; null skips the check. */
  expectedStdout: string | null;
  params: Record<string, unknown>;
  units: Record<string, MetricUnit>;
  histogramMetrics?: string[];
  /** Suite-specific metrics from the guest's protocol lines. */
  guestMetrics?(guest: GuestOutput): SampleMetrics;
  /** Extra id segment to tell apart cases that differ only in params. */
  variant?: string;
  /**
   * The workload behind `fixture`: stdin, cwd, output check and provenance
   * come from it, and on a CLI runtime a module with bench markers runs as
   * a rewritten copy (core/workloads/rewrite.ts).
   */
  workload?: Workload;
}

/** The modeName as an id segment when several tiers share one shared mode (container engines are all `aot`). */
export function modeVariant(
  modes: readonly { mode: string; modeName: string }[],
  mode: { mode: string; modeName: string },
): string | undefined {
  return modes.filter((m) => m.mode === mode.mode).length > 1 ? mode.modeName : undefined;
}

/** A skipped tier's id parts, told apart by its modeName when the build lacks several tiers of one mode. */
export function skipIdParts(
  suite: SuiteId,
  handle: RuntimeHandle,
  skip: SkipReason,
): (string | undefined)[] | undefined {
  if (skip.kind !== 'mode-unsupported' || !handle.detection.available || !skip.mode) return undefined;
  const variant = modeVariant(handle.detection.unsupportedModes ?? [], {
    mode: skip.mode,
    modeName: skip.modeName ?? skip.mode,
  });
  return variant ? [suite, skip.runtime, skip.mode, variant] : undefined;
}

export function caseId(parts: (string | undefined)[]): string {
  return parts.filter((p): p is string => Boolean(p)).join('/');
}

export function guestCase(ctx: SuiteContext, spec: GuestCaseSpec): PlannedCase {
  const id = caseId([spec.suite, spec.runtime.id, spec.mode.mode, spec.cacheState, spec.fixture.name, spec.variant]);
  const workDir = join(ctx.workDir, id.replaceAll('/', '_'));
  const runSpec: RunSpec = {
    fixture: spec.fixture,
    args: spec.args,
    env: {},
    mode: spec.mode.mode,
    modeName: spec.mode.modeName,
    cacheState: spec.cacheState,
    workDir,
    workload: spec.workload,
  };
  const workload = spec.workload;
  const header: CaseHeader = {
    id,
    suite: spec.suite,
    runtime: spec.runtime.id,
    host: spec.runtime.host,
    mode: spec.mode.mode,
    modeName: spec.mode.modeName,
    cacheState: spec.cacheState,
    fixture: spec.fixture.name,
    params: spec.params,
    command: [],
    flags: spec.mode.flags,
    ...timingOf(ctx.timer),
    warmups: ctx.config.warmups,
    ...(workload && workload.origin !== 'fixture' ? { workload: workloadProvenance(workload) } : {}),
  };
  const readWrite = workload && readWriteNote({ adapter: spec.adapter, detection: spec.runtime }, workload);
  if (readWrite && header.workload) header.workload.dirsReadWrite = readWrite;
  const stderr = stderrCheck(spec.adapter, spec.runtime, workload);
  if (stderr.note) header.notes = [stderr.note];
  let prepared: PreparedCase | null = null;
  const timeoutMs = Math.min(ctx.config.timeoutMs, spec.fixture.timeoutMs ?? ctx.config.timeoutMs);
  const planned: PlannedCase = {
    header,
    units: { ...PROCESS_UNITS, ...spec.units },
    histogramMetrics: spec.histogramMetrics,
    async prepare() {
      await mkdir(workDir, { recursive: true });
      // CLI runtimes cannot be given the bench imports: they run a rewritten copy (cached by hash, untimed).
      if (workload?.module.benchMarkers && spec.runtime.host === 'cli') {
        const rewritten = await rewrittenModule(workload);
        runSpec.fixture = workloadFixture(workload, rewritten.path);
        if (header.workload) header.workload.rewritten = rewritten;
      }
      prepared = await spec.adapter.prepare(spec.runtime, runSpec);
      header.command = spec.adapter.command(spec.runtime, runSpec, prepared).argv;
      if (prepared.artifactBytes !== undefined) header.artifactBytes = prepared.artifactBytes;
      const precompile = prepared.preparation
        ? preparationMetrics(prepared.preparation)
        : await samplePrecompile(ctx.timer, spec.adapter, spec.runtime, runSpec, UNTIMED_TIMEOUT_MS);
      if (precompile) planned.preparedMetrics = precompile;
    },
    loopCase: {
      id,
      warmups: ctx.config.warmups,
      iterations: ctx.config.iterations,
      beforeSample: spec.adapter.reset ? () => spec.adapter.reset!(spec.runtime, runSpec) : undefined,
      afterSample: spec.adapter.afterSample ? () => spec.adapter.afterSample!(spec.runtime, runSpec) : undefined,
      async takeSample() {
        if (!prepared) throw new Error('case sampled before prepare()');
        const command = spec.adapter.command(spec.runtime, runSpec, prepared);
        // Runtimes inherit the harness environment (HOME, PATH) as under hyperfine; an adapter's env adds to it.
        const env = command.env ? ({ ...process.env, ...command.env } as Record<string, string>) : undefined;
        // A workload's cwd wins over the adapter's: every runtime preopens its cwd as the guest's `.`.
        const cwd = workload?.cwd ?? command.cwd ?? workDir;
        const raw = await ctx.timer.run({ argv: command.argv, env, cwd, timeoutMs, stdinFile: workload?.stdinFile });
        const inspected = spec.adapter.inspectOutput?.(spec.runtime, runSpec, raw);
        if (inspected?.fallback) return fallbackOutcome(spec, inspected.fallback, raw.stderr);
        // Only the guest's output is checked and timed: a runtime's log line is neither.
        const sample = inspected
          ? {
              ...raw,
              stdout: inspected.guestStdout,
              firstOutputNs: inspected.firstOutputIsGuest ? raw.firstOutputNs : null,
            }
          : raw;
        const { outcome, guest } = evaluateGuestSample(
          sample,
          spec.expectedStdout,
          timeoutMs,
          workload?.check ?? 'exact',
        );
        const stderrMismatch = outcome.ok ? stderr.mismatch(sample.stderr) : null;
        if (stderrMismatch) return wrongStderr(stderrMismatch, sample.stderr);
        const leftover = !endedCleanly(sample) && command.cleanupArgv ? await runCleanup(command.cleanupArgv) : null;
        if (leftover && !outcome.ok) outcome.error.message += `; ${leftover}`;
        if (outcome.ok && spec.guestMetrics) Object.assign(outcome.metrics, spec.guestMetrics(guest));
        return outcome;
      },
    },
  };
  return planned;
}

/** The guest's stderr is not the workload's expected stderr: the sample errors, as a wrong stdout does. */
function wrongStderr(message: string, stderr: string): SampleOutcome {
  return { ok: false, error: { kind: 'wrong-output', message, stderrTail: stderrTail(stderr) } };
}

/** The runtime ran another tier than the case names: an error, never a figure for that tier. */
function fallbackOutcome(spec: GuestCaseSpec, why: string, stderr: string): SampleOutcome {
  const message = `${spec.runtime.id} did not run ${spec.mode.mode} (${spec.mode.modeName}): ${why}`;
  return { ok: false, error: { kind: 'fallback', message, stderrTail: stderrTail(stderr) } };
}

/** A case recorded as skipped with its structured reason (runtime missing, tier lacking, ...). */
export function skippedCase(
  suite: SuiteId,
  handle: RuntimeHandle,
  skip: SkipReason,
  idParts?: (string | undefined)[],
): PlannedCase {
  const detail: Partial<CaseHeader> = {
    ...(skip.mode ? { mode: skip.mode, modeName: skip.modeName ?? skip.mode } : {}),
    ...(skip.cacheState ? { cacheState: skip.cacheState } : {}),
    ...(skip.workload ? { fixture: skip.workload } : {}),
  };
  const id = caseId(idParts ?? [suite, handle.detection.id, detail.mode, detail.cacheState, detail.fixture]);
  const header: CaseHeader = {
    id,
    suite,
    runtime: handle.detection.id,
    host: handle.detection.host,
    mode: '*',
    modeName: '*',
    cacheState: '*',
    fixture: '*',
    params: {},
    command: [],
    flags: [],
    warmups: 0,
    ...detail,
  };
  return {
    header,
    skip,
    skipReason: skipSentence(skip),
    units: {},
    async prepare() {},
    loopCase: {
      id,
      warmups: 0,
      iterations: 0,
      async takeSample() {
        throw new Error('skipped case sampled');
      },
    },
  };
}
