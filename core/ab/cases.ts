/**
 * The loop cases of a same-job A/B run: per fixture, the base command, the
 * head command and (when a C compiler exists) the native twin. Each is a
 * fresh guest process per sample, checked against the expected output.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoopCase } from '../loop.ts';
import type { ProcessTimer } from '../process/timer.ts';
import type { CaseResult } from '../results/model.ts';
import type { Fixture } from '../../fixtures/manifest.ts';
import { nativeAdapter } from '../../runners/native.ts';
import type { Mode, RunSpec } from '../../runners/types.ts';
import { evaluateGuestSample } from '../../suites/guest-sample.ts';
import { sampleArgv } from './command.ts';

export type AbSide = 'base' | 'head' | 'native';

/** A loop case plus the header of the case it fills in the results files. */
export interface AbCase {
  loopId: string;
  side: AbSide;
  header: Omit<CaseResult, 'status' | 'reason' | 'metrics' | 'errors' | 'warnings'>;
  loopCase: LoopCase;
}

export interface AbCaseOptions {
  name: string;
  mode: Mode;
  warmups: number;
  iterations: number;
  timeoutMs: number;
  timer: ProcessTimer;
  workDir: string;
}

function guestLoopCase(loopId: string, argv: string[], fixture: Fixture, o: AbCaseOptions): LoopCase {
  const timeoutMs = Math.min(o.timeoutMs, fixture.timeoutMs ?? o.timeoutMs);
  return {
    id: loopId, warmups: o.warmups, iterations: o.iterations,
    async takeSample() {
      const sample = await o.timer.run({ argv, timeoutMs, cwd: o.workDir });
      return evaluateGuestSample(sample, fixture.expectedStdout, timeoutMs).outcome;
    },
  };
}

/** Base and head cases share one case id, so `gate DIR/base DIR/head` pairs them. */
export function commandCases(fixture: Fixture, side: 'base' | 'head', command: string[], o: AbCaseOptions): AbCase {
  const id = ['startup', o.name, o.mode, 'cold', fixture.name].join('/');
  const argv = sampleArgv(command, fixture.wasmPath, fixture.defaultArgs);
  return {
    loopId: `${side}:${id}`, side,
    header: {
      id, suite: 'startup', runtime: o.name, host: 'cli', mode: o.mode, modeName: side, cacheState: 'cold',
      fixture: fixture.name, params: { abRounds: true, abSide: side }, command: argv, flags: [],
      timing: o.timer.method, warmups: o.warmups,
    },
    loopCase: guestLoopCase(`${side}:${id}`, argv, fixture, o),
  };
}

/** The native build of the fixture (untimed build now), or the reason there is none. */
export async function nativeCase(fixture: Fixture, o: AbCaseOptions): Promise<AbCase | string> {
  const detection = await nativeAdapter.detect();
  if (!detection.available) return `no native twin: ${detection.reason}`;
  const workDir = join(o.workDir, `native-${fixture.name}`);
  await mkdir(workDir, { recursive: true });
  const spec: RunSpec = { fixture, args: fixture.defaultArgs, env: {}, mode: 'aot', cacheState: 'precompiled', workDir };
  const prepared = await nativeAdapter.prepare(detection, spec);
  const argv = nativeAdapter.command(detection, spec, prepared).argv;
  const id = ['startup', 'native', 'aot', 'precompiled', fixture.name].join('/');
  return {
    loopId: `native:${id}`, side: 'native',
    header: {
      id, suite: 'startup', runtime: 'native', host: 'native', mode: 'aot', modeName: detection.modes[0]?.modeName ?? 'cc',
      cacheState: 'precompiled', fixture: fixture.name, params: { abRounds: true, abSide: 'native' }, command: argv,
      flags: detection.modes[0]?.flags ?? [], timing: o.timer.method, warmups: o.warmups,
      ...(prepared.artifactBytes !== undefined ? { artifactBytes: prepared.artifactBytes } : {}),
    },
    loopCase: guestLoopCase(`native:${id}`, argv, fixture, o),
  };
}
