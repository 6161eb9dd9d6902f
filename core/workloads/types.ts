/**
 * A workload is what a case runs: one of the package's fixtures, or a module
 * the user brings (`--wasm FILE|DIR`, `workloads` in bench.config.ts). A
 * fixture is just a workload that ships with the package.
 */
import type { Fixture } from './manifest.ts';

/** How a sample's stdout (protocol lines removed) is checked against `expectedStdout`. */
export const OUTPUT_CHECKS = ['exact', 'ignore', 'regex'] as const;
export type OutputCheck = (typeof OUTPUT_CHECKS)[number];

/** A host directory preopened for the guest. */
export interface PreopenDir {
  /** Absolute host path. */
  host: string;
  /** The path the guest sees. */
  guest: string;
  /** Read-only unless the user asked for write access. */
  writable: boolean;
}

/** Where a workload came from, for provenance and error messages. */
export type WorkloadOrigin = 'fixture' | 'module' | 'corpus';

/** What the module itself declares, found while checking it (see check.ts). */
export interface ModuleFacts {
  sha256: string;
  bytes: number;
  /** Imports `bench.start` / `bench.end` (Sightglass markers around the measured region). */
  benchMarkers: boolean;
}

export interface Workload {
  /** Unique within a run; cases are matched by it across runs. */
  name: string;
  origin: WorkloadOrigin;
  /** Absolute path of the .wasm. */
  wasmPath: string;
  /** The path as the user wrote it (config or command line), for provenance. */
  wasmPathAsGiven: string;
  /** Guest argv after the program name. */
  args: string[];
  /** Absolute path of a file fed to the guest's stdin. */
  stdinFile?: string;
  dirs: PreopenDir[];
  /** Guest WASI environment (values are never written to results). */
  env: Record<string, string>;
  /** Absolute working directory of the runtime process; its `.` is preopened as the guest's `.`. */
  cwd?: string;
  /** Expected stdout without protocol lines; null when there is none to check. */
  expectedStdout: string | null;
  /** The file it was read from, when it came from a file. */
  expectedStdoutFile?: string;
  expectedStderr?: string;
  expectedStderrFile?: string;
  check: OutputCheck;
  timeoutMs: number;
  /** The same program built natively, run as the `native` runtime's case. */
  native?: { command: string[] };
  /** Set when the user says the module is a CGI handler: the throughput suite's `cgi` variant runs it with these args. */
  cgi?: { args: string[] };
  /** Set for packaged fixtures: the native runtime builds them from source. */
  fixture?: Fixture;
  module: ModuleFacts;
}
