/**
 * The `container` runtime: the fixture's native build, linked statically and
 * alone in a minimal root filesystem, started in a fresh OCI container per
 * sample. Engines are its modes (`aot`, modeName runc/crun/podman/docker):
 * the code is the same ahead-of-time native build as `native`; what differs
 * is the machinery that starts it. The timed process is the engine's own CLI
 * (`runc run --bundle B ID`), so wall time covers create + start + wait +
 * delete, and wait4's CPU and peak RSS cover the engine's process tree as
 * wait4 reports it (see docs/runtimes.md).
 *
 * Cache states: `warm` runs every sample from one bundle (image) made before
 * the samples, its making timed as precompileNs; `cold` reuses nothing: a
 * fresh bundle (image) per sample, made in the untimed reset() and removed
 * in afterSample(). The timed window is the same engine command in both.
 */
import { stat } from 'node:fs/promises';
import { staticBinary } from './bundle.ts';
import { nextContainerId } from './cleanup.ts';
import { engineBinary, engineStatuses, type Compiler, type EngineStatus } from './detect.ts';
import { ENGINES, removeArgv, runArgv, type Engine, type EngineName } from './engines.ts';
import { makeSource, removeSource, type MadeSource, type SourceRecipe } from './source.ts';
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

/** What prepare() made for one case: looked up by command() (by its PreparedCase) and reset()/afterSample() (by its RunSpec). */
interface ContainerCase {
  recipe: SourceRecipe;
  cacheState: RunSpec['cacheState'];
  /** The source the next sample runs from; a cold case's is replaced per sample and null between samples. */
  source: MadeSource | null;
  /** Cold samples made so far, naming each one's bundle. */
  made: number;
}
const prepared = new WeakMap<PreparedCase, ContainerCase>();
const bySpec = new WeakMap<RunSpec, ContainerCase>();

/** As many as the wasm runtimes' precompileNs samples: context for the run, not its figures. */
export const WARM_PREPARATIONS = 3;

/** What each cache state's timed window covers, for the detection notes and docs/containers.md. */
export const CACHE_STATE_NOTES = [
  "cache state warm: the bundle (podman/docker: also the image imported from it) is made once before the samples, and every sample starts a fresh container from it; making it is timed as the case's precompileNs",
  'cache state cold: nothing is reused between samples: before each sample, untimed, a fresh bundle is written (podman/docker: a fresh image imported from it), and it is removed after the sample',
  'both states time the same window, the engine command alone (runc/crun run: create + start + wait + delete; podman/docker run --rm: the client); so for runc/crun they differ only in whether the bundle directory served an earlier sample, and for podman/docker in whether the image did',
];

/** The preparation a warm case's samples reuse, made WARM_PREPARATIONS times from nothing and timed; the last one is kept. */
async function timedWarmSource(recipe: SourceRecipe): Promise<{ source: MadeSource; wallNs: number[] }> {
  const wallNs: number[] = [];
  let source: MadeSource | null = null;
  for (let i = 0; i < WARM_PREPARATIONS; i++) {
    if (source) await removeSource(recipe, source);
    const started = process.hrtime.bigint();
    source = await makeSource(recipe);
    wallNs.push(Number(process.hrtime.bigint() - started));
  }
  return { source: source!, wallNs };
}

function warmNote(recipe: SourceRecipe): string {
  const what =
    recipe.engine.kind === 'image'
      ? `writing the bundle, packing its rootfs (tar) and \`${recipe.engine.name} import\``
      : 'writing the bundle (rootfs/ with a copy of the static binary, and config.json)';
  return `${WARM_PREPARATIONS} preparations of what the samples reuse, each from nothing (the previous one removed): ${what}; timed in-process with the monotonic clock (process.hrtime) before the run samples; the static build (cached across runs like native builds) is not included`;
}

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
    ...CACHE_STATE_NOTES,
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
    cacheStates: ['cold', 'warm'],
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
    const recipe: SourceRecipe = {
      engine,
      bin,
      binary,
      fixtureName: spec.fixture.name,
      args: spec.args,
      workDir: spec.workDir,
    };
    // Cold: one untimed source now, so the case fails early and its header shows a command; reset() replaces it.
    const warm = spec.cacheState === 'warm' ? await timedWarmSource(recipe) : null;
    // A cold case's bundles carry their sample number (s0 here), so they never share a path with the warm case's.
    const source = warm?.source ?? (await makeSource(recipe, 's0'));
    const result: PreparedCase = {
      artifactPath: source.image ?? source.bundleDir,
      artifactBytes: (await stat(binary)).size,
      ...(warm ? { preparation: { wallNs: warm.wallNs, note: warmNote(recipe) } } : {}),
      notes: [
        `static binary ${binary}; ${engine.kind === 'image' ? `image ${source.image}` : `bundle ${source.bundleDir}`}${warm ? '' : ' (cold: a fresh one per sample)'}`,
      ],
    };
    const c: ContainerCase = { recipe, cacheState: spec.cacheState, source, made: 0 };
    prepared.set(result, c);
    bySpec.set(spec, c);
    return result;
  },
  async reset(_runtime: AvailableRuntime, spec: RunSpec): Promise<void> {
    const c = bySpec.get(spec);
    if (c?.cacheState !== 'cold') return;
    if (c.source) await removeSource(c.recipe, c.source);
    c.source = null;
    c.made += 1;
    c.source = await makeSource(c.recipe, `s${c.made}`);
  },
  async afterSample(_runtime: AvailableRuntime, spec: RunSpec): Promise<void> {
    const c = bySpec.get(spec);
    if (c?.cacheState !== 'cold' || !c.source) return;
    const done = c.source;
    c.source = null;
    await removeSource(c.recipe, done);
  },
  command(_runtime: AvailableRuntime, spec: RunSpec, prep: PreparedCase): SampleCommand {
    const c = prepared.get(prep);
    if (!c) throw new Error('container command() called with a case it did not prepare');
    if (!c.source) throw new Error('container command() of a cold case between samples: reset() makes its source');
    const id = nextContainerId();
    return {
      argv: runArgv(c.recipe.engine, c.recipe.bin, c.source, id, spec.args),
      instanceToken: id,
      cleanupArgv: removeArgv(c.recipe.engine, c.recipe.bin, id),
    };
  },
  guestOptions: () => ({
    passes: false,
    reason: "the container runtime starts a packaged fixture's static build with no mounts or env of the workload's",
  }),
  guestStderr: () => ({
    unchecked: "the guest runs under a container engine, whose own stderr lines are not separated from the guest's",
  }),
  workloadUnsupported: (workload) =>
    workload.fixture
      ? null
      : "the container runtime builds a packaged fixture's C source into a static binary; a user workload has no source here (its native.command runs on the native runtime)",
  sleepNotes: {
    mechanism:
      'clock_nanosleep / nanosleep from the static C library, directly on the kernel hrtimer (containers share the host kernel)',
    roundsToMs: false,
    source: 'glibc nanosleep(3)',
  },
};
