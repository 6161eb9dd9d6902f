/**
 * The runtime adapter contract. An adapter knows how to run a WASI command
 * module (or, for `native`, the same C program) on one runtime. It knows
 * nothing about suites: suites ask for an argv, the loop times it.
 */
import type { Fixture } from '../core/workloads/manifest.ts';
import type { UnsupportedMode } from './mode-notes.ts';
import type { Workload } from '../core/workloads/types.ts';

/** The shared tier taxonomy, so results line up across runtimes. */
export const MODES = ['interpreter', 'baseline', 'optimizing', 'tiered', 'aot'] as const;
export type Mode = (typeof MODES)[number];

/** Compilation-cache states a sample can be taken in. */
export const CACHE_STATES = ['cold', 'warm', 'precompiled'] as const;
export type CacheState = (typeof CACHE_STATES)[number];

/** How the engine was driven: its own CLI, an embedding host program, or a native binary. */
export const HOST_KINDS = ['cli', 'embed-node', 'embed-python', 'native'] as const;
export type HostKind = (typeof HOST_KINDS)[number];

/** One tier a runtime build supports, under its shared name and its own. */
export interface ModeSupport {
  mode: Mode;
  /** The runtime's own name for the tier, e.g. `liftoff`, `cranelift`, `pulley`. */
  modeName: string;
  /** Runtime flags that select the tier, for the results file. */
  flags: string[];
  cacheStates: CacheState[];
}

/** What `detect()` found. Unavailable runtimes say why and how to install. */
export type Detection =
  | {
      available: true;
      id: string;
      host: HostKind;
      path: string;
      version: string;
      arch: string;
      modes: ModeSupport[];
      notes: string[];
      /** Tiers this build lacks, each skipped with its reason (recorded by TierLog, runners/mode-notes.ts). */
      unsupportedModes?: UnsupportedMode[];
    }
  | {
      available: false;
      id: string;
      host: HostKind;
      reason: string;
      /** `broken`: found but its probe failed (reason has the output, signal or timeout). Default: broken when `path` is set. */
      problem?: 'not-installed' | 'broken';
      install: string;
      path?: string;
      version?: string;
      arch: string;
    };
export type AvailableRuntime = Extract<Detection, { available: true }>;

/** Everything an adapter needs to build one sample's command. */
export interface RunSpec {
  fixture: Fixture;
  /** Guest argv after the program name. */
  args: string[];
  env: Record<string, string>;
  mode: Mode;
  /** The runtime's own name for the mode (e.g. the container engine); adapters with one tier per mode ignore it. */
  modeName?: string;
  cacheState: CacheState;
  /** A private directory owned by the harness for this case (caches, artifacts). */
  workDir: string;
  /**
   * The workload behind `fixture` (stdin, preopened dirs, guest env, cwd).
   * Adapters that pass guest env or extra dirs read them here; the process
   * cwd (the guest's `.`) is set by the suite from `workload.cwd`.
   */
  workload?: Workload;
}

/** The directory a guest process runs in: the workload's cwd, else the case's private dir. */
export function guestCwd(spec: RunSpec): string {
  return spec.workload?.cwd ?? spec.workDir;
}

/**
 * How an untimed guest run (the one that fills a warm cache) is started: in
 * the guest's directory, fed the workload's stdin like every sample, so a
 * guest that needs its input neither blocks nor takes another path.
 */
export function untimedGuestRun(spec: RunSpec): { cwd: string; stdinFile?: string } {
  return { cwd: guestCwd(spec), ...(spec.workload?.stdinFile ? { stdinFile: spec.workload.stdinFile } : {}) };
}

/** The result of the untimed preparation step (compile native, precompile, fill a warm cache). */
export interface PreparedCase {
  /** Path of the artifact that will run (a .wasm, a .cwasm, a native binary). */
  artifactPath: string;
  artifactBytes?: number;
  /**
   * A one-time preparation the samples then reuse (a container bundle or
   * image), timed by the adapter: recorded as the case's precompileNs, with
   * the note saying what it covers and how it was timed.
   */
  preparation?: { wallNs: number[]; note: string };
  notes: string[];
}

/**
 * What an adapter makes of one finished sample's output: the guest's own
 * stdout (the runtime's log lines taken out), whether the first stdout byte
 * was the guest's (else firstOutputNs is not recorded), and why the tier did
 * not really run (a fallback to the interpreter), or null.
 */
export interface OutputInspection {
  guestStdout: string;
  firstOutputIsGuest: boolean;
  fallback: string | null;
}

/**
 * Whether an adapter passes a workload's extra preopened dirs and guest env
 * (RunSpec.workload) to the guest. A runtime that cannot skips such workloads
 * with `reason`; `readWriteOnly` says why a dir asked read-only is preopened
 * read-write here (recorded on the case), absent when read-only is honoured.
 */
export type GuestOptionsSupport = { passes: true; readWriteOnly?: string } | { passes: false; reason: string };

/** A fully built command: argv[0] is an absolute executable path. */
export interface SampleCommand {
  argv: string[];
  /** Variables added to the harness environment for the runtime process (not the guest's WASI env). */
  env?: Record<string, string>;
  cwd?: string;
  /**
   * A name in argv that must be unique per run (a container name). A host
   * that runs the command more than once at a time (the cgi server) replaces
   * it per run with a longer unique name.
   */
  instanceToken?: string;
  /** Untimed, after a run that did not end cleanly: removes what it may have left (e.g. `runc delete --force ID`). */
  cleanupArgv?: string[];
}

/** The command that builds a case's ahead-of-time artifact, and where the artifact (a file or a cache directory) lands. */
export interface PrecompileCommand extends SampleCommand {
  artifactPath: string;
}

/** The guest's stderr out of a sample's stderr, or why this runtime's own lines cannot be told apart from it. */
export type GuestStderr = ((stderr: string) => string) | { unchecked: string };

/** For runtimes seen to write nothing of their own to stderr on a run that exits 0: the stream is the guest's. */
export const WHOLE_STDERR: GuestStderr = (stderr) => stderr;

/** Known facts about how a runtime implements sleeping, with their source. */
export interface SleepNotes {
  mechanism: string;
  roundsToMs: boolean | 'unknown';
  source: string;
  /**
   * Set when the runtime cannot sleep to an absolute CLOCK_MONOTONIC
   * deadline (a TIMER_ABSTIME clock subscription): why, as seen on a real
   * binary. The sleep-jitter suite then skips absolute variants with this
   * reason instead of recording an error or waiting for a timeout.
   */
  absoluteUnsupported?: string;
}

/** Which guest export the embedding view calls, with what, and how often. */
export interface CallSpec {
  name: string;
  args: number[];
  /** The value the export must return (the native build's answer). */
  expect: number;
  /** Timed calls per process. */
  calls: number;
  /** Untimed calls first, so the tier under test is the one that is hot. */
  warmupCalls: number;
}

/** An in-process host that times calls to one guest export (metric callNs). */
export interface CallHost {
  /** How the calls are timed, for the results. */
  timing: string;
  command(runtime: AvailableRuntime, tierFlags: string[], wasmPath: string, call: CallSpec): SampleCommand;
}

export interface RuntimeAdapter {
  readonly id: string;
  readonly displayName: string;
  detect(): Promise<Detection>;
  /** Untimed, once per case before warmups. */
  prepare(runtime: AvailableRuntime, spec: RunSpec): Promise<PreparedCase>;
  /** Untimed, before every sample (e.g. empty a cold cache). */
  reset?(runtime: AvailableRuntime, spec: RunSpec): Promise<void>;
  /** Untimed, after every sample, even a failed one (e.g. remove what reset() made for it). */
  afterSample?(runtime: AvailableRuntime, spec: RunSpec): Promise<void>;
  command(runtime: AvailableRuntime, spec: RunSpec, prepared: PreparedCase): SampleCommand;
  /**
   * For `precompiled` cases: the command that builds the artifact into the
   * empty directory `outDir`, so the time to produce it can be measured
   * (precompileNs) with the same process timer as the samples.
   */
  precompileCommand?(
    runtime: AvailableRuntime,
    spec: RunSpec,
    outDir: string,
  ): PrecompileCommand | Promise<PrecompileCommand>;
  /** For runtimes that write their own lines to stdout or may silently change tier (WasmEdge). */
  inspectOutput?(
    runtime: AvailableRuntime,
    spec: RunSpec,
    output: { stdout: string; stderr: string },
  ): OutputInspection;
  /**
   * How the guest's own stderr is found in a finished sample's stderr (for a
   * workload's `.stderr.expected`): a function that takes out the runtime's
   * own lines (or returns the whole stream, where the runtime was seen to
   * write nothing of its own on a run that exits 0), or a sentence saying
   * why it cannot be told apart. Absent: not known, the check is not made.
   */
  guestStderr?(runtime: AvailableRuntime): GuestStderr;
  readonly sleepNotes?: SleepNotes;
  /** How this runtime build takes a workload's dirs and guest env; absent: it does not (such workloads are skipped). */
  guestOptions?(runtime: AvailableRuntime): GuestOptionsSupport;
  /** Why this runtime cannot run a workload at all (the planner skips it with this reason), or null; absent: any WASI module. */
  workloadUnsupported?(workload: Workload): string | null;
  /** The in-process call host of this runtime build, or null (e.g. a CLI has none). */
  callHost?(runtime: AvailableRuntime): CallHost | null;
}
