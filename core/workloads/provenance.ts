/**
 * What each case records about its workload, so a result can be traced to
 * the exact module and inputs: path as given, size, sha256, args, stdin,
 * dirs, env NAMES (never values: they may hold secrets), the expected-output
 * file, and whether the module was rewritten for a CLI runtime.
 */
import type { z } from 'zod';
import type { workloadProvenanceSchema } from '../results/schema.ts';
import type { Workload } from './types.ts';

/** Defined once, in the results schema (core/results/schema.ts). */
export type WorkloadProvenance = z.infer<typeof workloadProvenanceSchema>;
/** How the module was changed (see core/workloads/rewrite.ts). */
export type RewriteRecord = NonNullable<WorkloadProvenance['rewritten']>;

export function workloadProvenance(w: Workload): WorkloadProvenance {
  return {
    name: w.name,
    origin: w.origin,
    wasmPath: w.wasmPathAsGiven,
    wasmBytes: w.module.bytes,
    sha256: w.module.sha256,
    args: w.args,
    ...(w.stdinFile ? { stdinFile: w.stdinFile } : {}),
    dirs: w.dirs.map((d) => ({ ...d })),
    envNames: Object.keys(w.env).sort(),
    ...(w.cwd ? { cwd: w.cwd } : {}),
    ...(w.expectedStdoutFile ? { expectedStdoutFile: w.expectedStdoutFile } : {}),
    ...(w.expectedStderrFile ? { expectedStderrFile: w.expectedStderrFile } : {}),
    check: w.check,
    benchMarkers: w.module.benchMarkers,
    ...(w.native ? { native: { command: [...w.native.command] } } : {}),
  };
}
