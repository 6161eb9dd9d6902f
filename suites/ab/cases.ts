/**
 * The planner of a same-job A/B run: per fixture, the base command, the
 * head command and (when the native adapter can build it) the native twin,
 * as ordinary planned cases for the shared pipeline. Each sample is a fresh
 * guest process, checked against the expected output.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { sampleArgv } from '../../core/ab/command.ts';
import type { AbPlan, AbPlanContext, AbPlannedCase, AbSide } from '../../core/ab/run.ts';
import type { LoopCase } from '../../core/loop.ts';
import type { RuntimeRecord } from '../../core/results/model.ts';
import { runtimeRecord } from '../../core/runtimes.ts';
import type { ProcessTimer } from '../../core/process/timer.ts';
import { loadFixture, type Fixture } from '../../core/workloads/manifest.ts';
import type { AvailableRuntime, Mode, RunSpec, RuntimeAdapter } from '../../runners/types.ts';
import { PROCESS_UNITS } from '../guest-case.ts';
import { evaluateGuestSample } from '../guest-sample.ts';
import { planMatrix, type PlanCell } from '../../core/plan/matrix.ts';
import type { AvailableHandle, CaseHeader, RuntimeHandle } from '../types.ts';

export interface AbPlanRequest {
  base: string[];
  head: string[];
  fixtures: string[];
  /** Runtime name in case ids. */
  name: string;
  mode: Mode;
  warmups: number;
  iterations: number;
  timeoutMs: number;
  /** The native adapter for the twin, or null (`--no-native`). */
  native: RuntimeAdapter | null;
}

interface Options extends AbPlanRequest {
  timer: ProcessTimer;
  workDir: string;
}

function guestLoopCase(loopId: string, argv: () => string[], fixture: Fixture, o: Options): LoopCase {
  const timeoutMs = Math.min(o.timeoutMs, fixture.timeoutMs ?? o.timeoutMs);
  return {
    id: loopId,
    warmups: o.warmups,
    iterations: o.iterations,
    async takeSample() {
      const sample = await o.timer.run({ argv: argv(), timeoutMs, cwd: o.workDir });
      return evaluateGuestSample(sample, fixture.expectedStdout, timeoutMs).outcome;
    },
  };
}

function planned(
  side: AbSide,
  header: CaseHeader,
  loopCase: LoopCase,
  prepare: () => Promise<void> = async () => {},
): AbPlannedCase {
  // wallNs gets a histogram, as in the startup suite these cases pair with.
  return { side, header, units: { ...PROCESS_UNITS }, histogramMetrics: ['wallNs'], prepare, loopCase };
}

/** Base or head as a runtime the planner takes: its command, one tier (the --mode label), cold only. */
function commandHandle(side: 'base' | 'head', o: Options): AvailableHandle {
  const command = side === 'base' ? o.base : o.head;
  const detection: AvailableRuntime = {
    available: true,
    id: o.name,
    host: 'cli',
    path: command[0],
    version: '',
    arch: process.arch,
    notes: [],
    modes: [{ mode: o.mode, modeName: side, flags: [], cacheStates: ['cold'] }],
  };
  const adapter: RuntimeAdapter = {
    id: o.name,
    displayName: `the ${side} command`,
    detect: async () => detection,
    prepare: async (_runtime, spec) => ({ artifactPath: spec.fixture.wasmPath, notes: [] }),
    command: (_runtime, spec, prepared) => ({ argv: sampleArgv(command, prepared.artifactPath, spec.args) }),
  };
  return { adapter, detection };
}

/** Base and head cases share one case id, so `gate DIR/base DIR/head` pairs them. */
function commandCase(cell: PlanCell<Fixture, undefined>, side: 'base' | 'head', o: Options): AbPlannedCase {
  const { handle, mode, workload: fixture } = cell;
  const id = ['startup', o.name, mode.mode, 'cold', fixture.name].join('/');
  const spec: RunSpec = {
    fixture,
    args: fixture.defaultArgs,
    env: {},
    mode: mode.mode,
    cacheState: 'cold',
    workDir: o.workDir,
  };
  const argv = handle.adapter.command(handle.detection, spec, { artifactPath: fixture.wasmPath, notes: [] }).argv;
  const header: CaseHeader = {
    id,
    suite: 'startup',
    runtime: o.name,
    host: 'cli',
    mode: mode.mode,
    modeName: side,
    cacheState: 'cold',
    fixture: fixture.name,
    params: { abRounds: true, abSide: side },
    command: argv,
    flags: [],
    timing: o.timer.method,
    warmups: o.warmups,
  };
  return planned(
    side,
    header,
    guestLoopCase(`${side}:${id}`, () => argv, fixture, o),
  );
}

/** The native build of the fixture, built untimed in prepare(). */
function nativeCase(cell: PlanCell<Fixture, undefined>, o: Options): AbPlannedCase {
  const {
    handle: { adapter, detection },
    mode,
    cacheState,
    workload: fixture,
  } = cell;
  const workDir = join(o.workDir, `native-${fixture.name}`);
  const spec: RunSpec = { fixture, args: fixture.defaultArgs, env: {}, mode: mode.mode, cacheState, workDir };
  const id = ['startup', detection.id, mode.mode, cacheState, fixture.name].join('/');
  const header: CaseHeader = {
    id,
    suite: 'startup',
    runtime: detection.id,
    host: detection.host,
    mode: mode.mode,
    modeName: mode.modeName,
    cacheState,
    fixture: fixture.name,
    params: { abRounds: true, abSide: 'native' },
    command: [],
    flags: mode.flags,
    timing: o.timer.method,
    warmups: o.warmups,
  };
  let argv: string[] = [];
  return planned(
    'native',
    header,
    guestLoopCase(`native:${id}`, () => argv, fixture, o),
    async () => {
      await mkdir(workDir, { recursive: true });
      const prepared = await adapter.prepare(detection, spec);
      argv = adapter.command(detection, spec, prepared).argv;
      header.command = argv;
      if (prepared.artifactBytes !== undefined) header.artifactBytes = prepared.artifactBytes;
    },
  );
}

/** What ran as base or head: a command, not an adapter, so no version is known. */
function commandRecord(side: 'base' | 'head', o: Options): RuntimeRecord {
  return {
    id: o.name,
    host: 'cli',
    available: true,
    version: null,
    path: (side === 'base' ? o.base : o.head)[0],
    arch: process.arch,
    modes: [{ mode: o.mode, modeName: side, flags: [], cacheStates: ['cold'] }],
    notes: [`${side} command: ${(side === 'base' ? o.base : o.head).join(' ')}`],
  };
}

/** base, head and the native twin through the one planner, every fixture on each. */
export async function planAb(request: AbPlanRequest, ctx: AbPlanContext): Promise<AbPlan> {
  const o: Options = { ...request, ...ctx };
  const fixtures: Fixture[] = [];
  for (const name of request.fixtures) fixtures.push(await loadFixture(name));
  const [base, head] = [commandHandle('base', o), commandHandle('head', o)];
  const native: RuntimeHandle | null = request.native
    ? { adapter: request.native, detection: await request.native.detect() }
    : null;
  // No --mode/--cache-state selection in ab: every tier each handle has (one for a command, aot for native).
  const entries = planMatrix({ modes: null, cacheStates: null }, [base, head, ...(native ? [native] : [])], {
    workloads: fixtures,
    modes: 'all',
    cacheStates: 'all',
  });
  const notes: string[] = [];
  const cases: AbPlannedCase[] = [];
  for (const entry of entries) {
    if (entry.kind === 'skip') notes.push(`no native twin: ${entry.reason.detail}`);
    else if (entry.handle === base || entry.handle === head)
      cases.push(commandCase(entry, entry.handle === base ? 'base' : 'head', o));
    else cases.push(nativeCase(entry, o));
  }
  const twin = native?.detection.available ? [runtimeRecord(native)] : [];
  return {
    cases,
    notes,
    runtimes: { base: [commandRecord('base', o), ...twin], head: [commandRecord('head', o), ...twin] },
  };
}
