// The process-timing contract shared by both timers (re-exported by timer.ts,
// which is what the rest of the code imports).

export interface ProcessRequest {
  /** argv[0] is an absolute path or a name looked up on PATH (the child's PATH when `env` is given). Never a shell string. */
  argv: string[];
  /** The child's COMPLETE environment (not merged with ours, as in Node's spawn); default: inherit ours. */
  env?: Record<string, string>;
  cwd?: string;
  /** From spawn; on expiry the child's whole process group gets SIGKILL. */
  timeoutMs: number;
  /** Fed to the child's stdin; default /dev/null. */
  stdinFile?: string;
}

export interface ProcessSample {
  method: 'wait4-helper' | 'node-spawn';
  /** Spawn to exit (reaped), CLOCK_MONOTONIC. */
  wallNs: number;
  /** Spawn to the first byte on stdout; null when the child printed nothing. */
  firstOutputNs: number | null;
  /** CLOCK_REALTIME at spawn, to pair with in-guest `main_entry_realtime_ns`. */
  spawnRealtimeNs: bigint;
  /** From wait4; null under node-spawn (Node cannot read a child's rusage) or when nothing ran. */
  userNs: number | null;
  sysNs: number | null;
  maxRssBytes: number | null;
  exitCode: number | null;
  /** e.g. 'SIGKILL' when a signal ended the child. */
  signal: string | null;
  timedOut: boolean;
  /** Why the child could not be started (e.g. 'No such file or directory'); then nothing ran. */
  spawnError: string | null;
  /** First 4 MiB of stdout; the rest is dropped (see capture.ts). */
  stdout: string;
  /** Last 64 KiB of stderr. */
  stderr: string;
}

/** How the wait4 helper runs samples: one warm helper for all (`serve`), or a fresh one each (`per-sample`). */
export type HelperMode = 'serve' | 'per-sample';

export interface ProcessTimer {
  readonly method: ProcessSample['method'];
  /** Set for the wait4 helper: how it runs samples. */
  readonly helperMode?: HelperMode;
  /** Set for the wait4 helper: `<arch>-<12 hex>`, a hash of its C sources and the compiler's version (its cache key). */
  readonly helperBuildId?: string;
  /** Why `auto` fell back to node-spawn; null when it did not. */
  readonly fallbackReason: string | null;
  run(req: ProcessRequest): Promise<ProcessSample>;
  /**
   * Ends the timer's long-lived helper (serve mode), if any; later runs reject.
   * Optional: an idle helper never keeps Node alive and dies with it anyway.
   */
  close?(): void;
}
