/**
 * Fixtures and workloads, both ways: a packaged fixture becomes a workload
 * (so every suite speaks one model), and a user's workload is shown to the
 * runtime adapters as a fixture-shaped record (they read its wasmPath,
 * name and timeout; the rest of the workload travels in RunSpec.workload).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Fixture } from './manifest.ts';
import type { Workload } from './types.ts';

/** A fixture as a workload: its default args, expected output and timeout. */
export function fixtureWorkload(fixture: Fixture): Workload {
  const bytes = readFileSync(fixture.wasmPath);
  return {
    name: fixture.name,
    origin: 'fixture',
    wasmPath: fixture.wasmPath,
    wasmPathAsGiven: fixture.wasmPath,
    args: fixture.defaultArgs,
    dirs: [],
    env: {},
    expectedStdout: fixture.expectedStdout,
    expectedStdoutFile: fixture.expectedStdoutPath,
    check: 'exact',
    timeoutMs: fixture.timeoutMs,
    fixture,
    module: { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length, benchMarkers: false },
  };
}

/** The fixture-shaped record adapters read; `wasmPath` may be a rewritten copy. */
export function workloadFixture(workload: Workload, wasmPath = workload.wasmPath): Fixture {
  if (workload.fixture) return { ...workload.fixture, wasmPath };
  return {
    name: workload.name,
    description: `user workload ${workload.wasmPathAsGiven}`,
    kind: 'compute',
    sources: [],
    cflags: [],
    wasmCflags: [],
    nativeCflags: [],
    wasmLdflags: [],
    nativeLdflags: [],
    defaultArgs: workload.args,
    timeoutMs: workload.timeoutMs,
    dir: dirname(workload.wasmPath),
    wasmPath,
    expectedStdoutPath: workload.expectedStdoutFile ?? '',
    expectedStdout: workload.expectedStdout ?? '',
  };
}
