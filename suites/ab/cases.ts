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
import type { CaseHeader } from '../types.ts';

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
    id: loopId, warmups: o.warmups, iterations: o.iterations,
    async takeSample() {
      const sample = await o.timer.run({ argv: argv(), timeoutMs, cwd: o.workDir });
      return evaluateGuestSample(sample, fixture.expectedStdout, timeoutMs).outcome;
    },
  };
}

function planned(side: AbSide, header: CaseHeader, loopCase: LoopCase, prepare: () => Promise<void> = async () => {}): AbPlannedCase {
  // wallNs gets a histogram, as in the startup suite these cases pair with.
  return { side, header, units: { ...PROCESS_UNITS }, histogramMetrics: ['wallNs'], prepare, loopCase };
}

/** Base and head cases share one case id, so `gate DIR/base DIR/head` pairs them. */
function commandCase(fixture: Fixture, side: 'base' | 'head', command: string[], o: Options): AbPlannedCase {
  const id = ['startup', o.name, o.mode, 'cold', fixture.name].join('/');
  const argv = sampleArgv(command, fixture.wasmPath, fixture.defaultArgs);
  const header: CaseHeader = {
    id, suite: 'startup', runtime: o.name, host: 'cli', mode: o.mode, modeName: side, cacheState: 'cold',
    fixture: fixture.name, params: { abRounds: true, abSide: side }, command: argv, flags: [],
    timing: o.timer.method, warmups: o.warmups,
  };
  return planned(side, header, guestLoopCase(`${side}:${id}`, () => argv, fixture, o));
}

/** The native build of the fixture, built untimed in prepare(). */
function nativeCase(fixture: Fixture, adapter: RuntimeAdapter, detection: AvailableRuntime, o: Options): AbPlannedCase {
  const workDir = join(o.workDir, `native-${fixture.name}`);
  const spec: RunSpec = { fixture, args: fixture.defaultArgs, env: {}, mode: 'aot', cacheState: 'precompiled', workDir };
  const id = ['startup', 'native', 'aot', 'precompiled', fixture.name].join('/');
  const mode = detection.modes[0];
  const header: CaseHeader = {
    id, suite: 'startup', runtime: 'native', host: 'native', mode: 'aot', modeName: mode?.modeName ?? 'cc',
    cacheState: 'precompiled', fixture: fixture.name, params: { abRounds: true, abSide: 'native' }, command: [],
    flags: mode?.flags ?? [], timing: o.timer.method, warmups: o.warmups,
  };
  let argv: string[] = [];
  return planned('native', header, guestLoopCase(`native:${id}`, () => argv, fixture, o), async () => {
    await mkdir(workDir, { recursive: true });
    const prepared = await adapter.prepare(detection, spec);
    argv = adapter.command(detection, spec, prepared).argv;
    header.command = argv;
    if (prepared.artifactBytes !== undefined) header.artifactBytes = prepared.artifactBytes;
  });
}

/** What ran as base or head: a command, not an adapter, so no version is known. */
function commandRecord(side: 'base' | 'head', o: Options): RuntimeRecord {
  return {
    id: o.name, host: 'cli', available: true, version: null, path: (side === 'base' ? o.base : o.head)[0], arch: process.arch,
    modes: [{ mode: o.mode, modeName: side, flags: [], cacheStates: ['cold'] }],
    notes: [`${side} command: ${(side === 'base' ? o.base : o.head).join(' ')}`],
  };
}

export async function planAb(request: AbPlanRequest, ctx: AbPlanContext): Promise<AbPlan> {
  const o: Options = { ...request, ...ctx };
  const notes: string[] = [];
  const twin = request.native ? await request.native.detect() : null;
  if (twin && !twin.available) notes.push(`no native twin: ${twin.reason}`);
  const cases: AbPlannedCase[] = [];
  for (const name of request.fixtures) {
    const fixture = await loadFixture(name);
    cases.push(commandCase(fixture, 'base', request.base, o), commandCase(fixture, 'head', request.head, o));
    if (request.native && twin?.available) cases.push(nativeCase(fixture, request.native, twin, o));
  }
  const native = request.native && twin?.available ? [runtimeRecord({ adapter: request.native, detection: twin })] : [];
  return { cases, notes, runtimes: { base: [commandRecord('base', o), ...native], head: [commandRecord('head', o), ...native] } };
}
