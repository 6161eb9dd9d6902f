/**
 * The `container` runtime: the fixture's native build, linked statically and
 * alone in a minimal root filesystem, started in a fresh OCI container per
 * sample. Engines are its modes (`aot`, modeName runc/crun/podman/docker):
 * the code is the same ahead-of-time native build as `native`; what differs
 * is the machinery that starts it. The timed process is the engine's own CLI
 * (`runc run --bundle B ID`), so wall time covers create + start + wait +
 * delete, and wait4's CPU and peak RSS cover the engine's process tree as
 * wait4 reports it (see docs/runtimes.md).
 */
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { makeBundle, staticBinary } from './bundle.ts';
import { nextContainerId, runAtExit } from './cleanup.ts';
import { engineBinary, engineStatuses, type Compiler, type EngineStatus } from './detect.ts';
import {
  ENGINES,
  importArgv,
  removeArgv,
  removeImageArgv,
  runArgv,
  type ContainerSource,
  type Engine,
  type EngineName,
} from './engines.ts';
import { probe, runUntimed } from '../cli/probe.ts';
import { nativeAdapter } from '../native.ts';
import type {
  AvailableRuntime,
  Detection,
  ModeSupport,
  PreparedCase,
  RunSpec,
  RuntimeAdapter,
  SampleCommand,
} from '../types.ts';
import { WasmbenchError } from '../../core/errors.ts';

const INSTALL =
  'install a container engine: apt-get install runc (as root), or podman, or Docker with its daemon running';

/** What prepare() made for one case, looked up by command(). */
interface ContainerCase {
  engine: Engine;
  bin: string;
  source: ContainerSource;
}
const prepared = new WeakMap<PreparedCase, ContainerCase>();

async function compiler(): Promise<Compiler | null> {
  const native = await nativeAdapter.detect();
  return native.available ? { path: native.path, version: native.version, arch: native.arch } : null;
}

function statusNote(s: EngineStatus): string {
  if (s.state === 'missing') return `${s.engine.name}: skipped: not installed; ${s.engine.install}`;
  if (s.state === 'refused') return `${s.engine.name} ${s.version} (${s.path}): skipped: ${s.reason}`;
  const cleaned = s.cleaned.length
    ? `; removed ${s.cleaned.length} leftover(s) of killed runs: ${s.cleaned.join(', ')}`
    : '';
  return `${s.engine.name} ${s.version} (${s.path}): runs here${cleaned}`;
}

function skipReason(s: EngineStatus): string {
  if (s.state === 'missing') return `not installed; ${s.engine.install}`;
  return s.state === 'refused' ? `${s.engine.name} ${s.version} (${s.path}) ${s.reason}` : '';
}

/** Turns engine probes into a detection: each engine a mode, the ones that cannot run skipped with their reason. */
export function containerDetection(statuses: EngineStatus[], cc: Compiler | null): Detection {
  const usable = statuses.filter((s): s is Extract<EngineStatus, { state: 'usable' }> => s.state === 'usable');
  const notes = [
    ...statuses.map(statusNote),
    'the timed process is the engine CLI: wall time covers container create + start + wait + delete; CPU and peak RSS are the engine process tree as wait4 reports it',
    'container peak memory (cgroup) is not recorded: `runc run` removes the container cgroup as the container exits, before it can be read',
  ];
  const unsupportedModes = statuses
    .filter((s) => s.state !== 'usable')
    .map((s) => ({ mode: 'aot' as const, modeName: s.engine.name, reason: skipReason(s) }));
  if (usable.length === 0 || !cc) {
    const reasons = statuses.map((s) => `${s.engine.name}: ${skipReason(s)}`).join('; ');
    return {
      available: false,
      id: 'container',
      host: 'cli',
      arch: cc?.arch ?? process.arch,
      reason: cc ? `no container engine can run here (${reasons})` : 'no C compiler to build the static binary',
      install: cc ? INSTALL : 'apt-get install gcc',
    };
  }
  const modes: ModeSupport[] = usable.map((s) => ({
    mode: 'aot',
    modeName: s.engine.name,
    flags: [],
    cacheStates: ['cold'],
  }));
  return {
    available: true,
    id: 'container',
    host: 'cli',
    path: usable[0].path,
    arch: cc.arch,
    version: usable.map((s) => `${s.engine.name} ${s.version}`).join(', '),
    modes,
    notes,
    unsupportedModes,
  };
}

/** The engine a case runs on: its modeName (the first usable engine when none is given). */
function engineOf(runtime: AvailableRuntime, spec: RunSpec): Engine {
  const name = (spec.modeName ?? runtime.modes[0]?.modeName) as EngineName;
  const engine = ENGINES[name];
  if (!engine)
    throw new WasmbenchError(
      `unknown container engine "${name}"`,
      undefined,
      `use one of ${Object.keys(ENGINES).join(', ')}`,
    );
  return engine;
}

/** The image engines' copy of the bundle's root filesystem: imported from a tarball, offline. */
async function importImage(
  engine: Engine,
  bin: string,
  rootfs: string,
  workDir: string,
  tag: string,
  program: string,
): Promise<void> {
  const tarball = join(workDir, 'rootfs.tar');
  await runUntimed(['tar', '-C', rootfs, '-cf', tarball, '.'], 'packing the container rootfs');
  await probe(removeImageArgv(bin, tag));
  try {
    await runUntimed(importArgv(bin, tarball, tag, program), `${engine.name} import`);
  } finally {
    await rm(tarball, { force: true });
  }
}

export const containerAdapter: RuntimeAdapter = {
  id: 'container',
  displayName: 'container (static native build in an OCI container: runc, crun, podman, docker)',
  async detect(): Promise<Detection> {
    const cc = await compiler();
    return containerDetection(await engineStatuses(cc), cc);
  },
  async prepare(runtime: AvailableRuntime, spec: RunSpec): Promise<PreparedCase> {
    const engine = engineOf(runtime, spec);
    const bin = await engineBinary(engine.name);
    if (!bin) throw new WasmbenchError(`${engine.name} is no longer on PATH`, undefined, engine.install);
    const cc = await compiler();
    if (!cc)
      throw new WasmbenchError('no C compiler for the static build', undefined, 'apt-get install gcc (or set CC)');
    const binary = await staticBinary(spec.fixture, cc.path, cc.version, cc.arch);
    // The one-time preparation (bundle, and image import) is timed here, untimed by the loop: prepareNs.
    const started = performance.now();
    const bundle = await makeBundle(binary, spec.fixture.name, spec.args);
    const source: ContainerSource = { bundleDir: bundle.dir, program: bundle.program };
    if (engine.kind === 'image') {
      source.image = `wasmbench/${spec.fixture.name}:${bundle.dir.split('/').at(-1)}`;
      await importImage(engine, bin, bundle.rootfs, spec.workDir, source.image, bundle.program);
      runAtExit(removeImageArgv(bin, source.image));
    }
    const prepareNs = Math.round((performance.now() - started) * 1e6);
    const result: PreparedCase = {
      artifactPath: source.image ?? bundle.dir,
      artifactBytes: (await stat(binary)).size,
      prepareNs,
      notes: [`static binary ${binary}; ${engine.kind === 'image' ? `image ${source.image}` : `bundle ${bundle.dir}`}`],
    };
    prepared.set(result, { engine, bin, source });
    return result;
  },
  command(_runtime: AvailableRuntime, spec: RunSpec, prep: PreparedCase): SampleCommand {
    const c = prepared.get(prep);
    if (!c) throw new Error('container command() called with a case it did not prepare');
    const id = nextContainerId();
    return {
      argv: runArgv(c.engine, c.bin, c.source, id, spec.args),
      instanceToken: id,
      cleanupArgv: removeArgv(c.engine, c.bin, id),
    };
  },
  sleepNotes: {
    mechanism:
      'clock_nanosleep / nanosleep from the static C library, directly on the kernel hrtimer (containers share the host kernel)',
    roundsToMs: false,
    source: 'glibc nanosleep(3)',
  },
};
