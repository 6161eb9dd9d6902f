/**
 * Which container engines are here, their versions, and whether each can
 * actually run a container on this machine: a tiny probe container (the
 * static noop fixture) is run, and an engine that fails keeps its own error
 * message (with a fix where we know one) as the reason its cases are skipped.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadFixture } from '../../core/workloads/manifest.ts';
import { makeBundle, removeBundle, staticBinary, type Bundle } from './bundle.ts';
import { nextContainerId, removeContainer, removeLeftovers } from './cleanup.ts';
import {
  ENGINE_NAMES,
  ENGINES,
  fixFor,
  importArgv,
  removeImageArgv,
  runArgv,
  versionArgv,
  type Engine,
  type EngineName,
} from './engines.ts';
import { describeFailure, firstLine, probe } from '../cli/probe.ts';
import { parseSemver } from '../cli/version.ts';
import { findExecutable } from '../which.ts';

/** The C compiler that builds the static binaries (what `native` found). */
export interface Compiler {
  path: string;
  version: string;
  arch: string;
}

export type EngineStatus =
  | { engine: Engine; state: 'missing' }
  | { engine: Engine; state: 'refused'; path: string; version: string; reason: string }
  | { engine: Engine; state: 'usable'; path: string; version: string; cleaned: string[] };

/** `WASMBENCH_RUNC=/path/to/runc` names a binary explicitly; else PATH. */
export function engineBinary(name: EngineName): Promise<string | null> {
  return findExecutable([process.env[`WASMBENCH_${name.toUpperCase()}`], name]);
}

const PROBE_TIMEOUT_MS = 60_000;

/** The engine's error, the fix when we know one. */
function refusal(engine: Engine, what: string): string {
  const fix = fixFor(engine.name, what);
  return `cannot run a container here: ${what}${fix ? `; fix: ${fix}` : ''}`;
}

/** Runs the probe container; null when it ran, else why not. */
async function probeRun(engine: Engine, bin: string, compiler: Compiler): Promise<string | null> {
  const fixture = await loadFixture('noop');
  const binary = await staticBinary(fixture, compiler.path, compiler.version, compiler.arch);
  // Its own bundle path (`-probe-<engine>`), removed after: never the one a noop case later runs from.
  const bundle = await makeBundle(binary, fixture.name, [], `probe-${engine.name}`);
  try {
    return await probeContainer(engine, bin, bundle);
  } finally {
    await removeBundle(bundle.dir);
  }
}

async function probeContainer(engine: Engine, bin: string, bundle: Bundle): Promise<string | null> {
  const id = nextContainerId();
  if (engine.kind === 'bundle') {
    const ran = await probe(runArgv(engine, bin, { bundleDir: bundle.dir, program: bundle.program }, id, []), {
      timeoutMs: PROBE_TIMEOUT_MS,
    });
    await removeContainer(engine, bin, id);
    return ran.ok ? null : describeFailure(ran, PROBE_TIMEOUT_MS);
  }
  const tmp = await mkdtemp(join(tmpdir(), 'wasmbench-probe-'));
  const image = `wasmbench-probe:${process.pid}`;
  try {
    const tarball = join(tmp, 'rootfs.tar');
    const packed = await probe(['tar', '-C', bundle.rootfs, '-cf', tarball, '.']);
    if (!packed.ok) return `packing the probe rootfs failed: ${describeFailure(packed)}`;
    const imported = await probe(importArgv(bin, tarball, image, bundle.program), { timeoutMs: PROBE_TIMEOUT_MS });
    if (!imported.ok) return describeFailure(imported, PROBE_TIMEOUT_MS);
    const ran = await probe(runArgv(engine, bin, { image, program: bundle.program }, id, []), {
      timeoutMs: PROBE_TIMEOUT_MS,
    });
    await removeContainer(engine, bin, id);
    return ran.ok ? null : describeFailure(ran, PROBE_TIMEOUT_MS);
  } finally {
    await probe(removeImageArgv(bin, image));
    await rm(tmp, { recursive: true, force: true });
  }
}

export async function engineStatus(name: EngineName, compiler: Compiler | null): Promise<EngineStatus> {
  const engine = ENGINES[name];
  const bin = await engineBinary(name);
  if (!bin) return { engine, state: 'missing' };
  const asked = await probe(versionArgv(bin));
  const line = firstLine(asked.stdout || asked.stderr);
  const version = parseSemver(line)?.text ?? line;
  if (!asked.ok)
    return {
      engine,
      state: 'refused',
      path: bin,
      version,
      reason: `\`${bin} --version\` failed: ${describeFailure(asked)}`,
    };
  if (!compiler)
    return {
      engine,
      state: 'refused',
      path: bin,
      version,
      reason: 'no C compiler to build the static binary the container runs; apt-get install gcc',
    };
  const failed = await probeRun(engine, bin, compiler).catch((err: Error) => err.message);
  if (failed !== null) return { engine, state: 'refused', path: bin, version, reason: refusal(engine, failed) };
  return { engine, state: 'usable', path: bin, version, cleaned: await removeLeftovers(engine, bin) };
}

/** Every engine, probed one after the other (probes start containers; keep them off each other's timings). */
export async function engineStatuses(compiler: Compiler | null): Promise<EngineStatus[]> {
  const statuses: EngineStatus[] = [];
  for (const name of ENGINE_NAMES) statuses.push(await engineStatus(name, compiler));
  return statuses;
}
