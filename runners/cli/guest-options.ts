/**
 * A workload's extra preopened dirs and guest environment (RunSpec.workload)
 * in each CLI runtime's own syntax (pure, unit-tested argv). The case's
 * working directory is preopened as `.` by each adapter itself; these flags
 * come on top of it, before the module.
 *
 * Seen on real binaries (2026-12-02, x86_64): wazero 1.6.0
 * `-mount=HOST:GUEST[:ro]` and `-env K=V`; WasmEdge 0.17.1
 * `--dir GUEST:HOST[:readonly]` and `--env K=V`; WAMR iwasm 2.4.5
 * `--map-dir=GUEST::HOST` and `--env=K=V`, no read-only form (a write into a
 * preopen succeeds); wasm3 v0.9.0 has no flag for either (`.` only, and the
 * guest sees no environment). Relative guest paths (`data`) resolve in the
 * guest on all three. wasmer is from its CLI source (no binary here):
 * `--mapdir GUEST:HOST` before 7.0, `--volume HOST:GUEST` from 7.0,
 * `--env K=V`; its mapped directories carry no read-only flag.
 */
import type { PreopenDir, Workload } from '../../core/workloads/types.ts';
import type { CliVersion } from './version.ts';

function envPairs(workload: Workload | undefined): string[] {
  return Object.entries(workload?.env ?? {}).map(([k, v]) => `${k}=${v}`);
}

function dirsOf(workload: Workload | undefined): PreopenDir[] {
  return workload?.dirs ?? [];
}

/** wazero: `-mount=HOST:GUEST[:ro]`, `-env=K=V` (Go flags; `=` keeps a value starting with `-` a value). */
export function wazeroGuestFlags(workload: Workload | undefined): string[] {
  return [
    ...dirsOf(workload).map((d) => `-mount=${d.host}:${d.guest}${d.writable ? '' : ':ro'}`),
    ...envPairs(workload).map((pair) => `-env=${pair}`),
  ];
}

/** WasmEdge: `--dir GUEST:HOST[:readonly]`, `--env K=V`. */
export function wasmedgeGuestFlags(workload: Workload | undefined): string[] {
  return [
    ...dirsOf(workload).flatMap((d) => ['--dir', `${d.guest}:${d.host}${d.writable ? '' : ':readonly'}`]),
    ...envPairs(workload).flatMap((pair) => ['--env', pair]),
  ];
}

/** iwasm: `--map-dir=GUEST::HOST` (read-write: WAMR has no read-only preopen), `--env=K=V`; only the `=` forms work. */
export function iwasmGuestFlags(workload: Workload | undefined): string[] {
  return [
    ...dirsOf(workload).map((d) => `--map-dir=${d.guest}::${d.host}`),
    ...envPairs(workload).map((pair) => `--env=${pair}`),
  ];
}

/** wasmer: `--mapdir=GUEST:HOST` before 7.0, `--volume=HOST:GUEST` from 7.0 (read-write either way), `--env=K=V`. */
export function wasmerGuestFlags(version: CliVersion | null, workload: Workload | undefined): string[] {
  const volume = version !== null && version.major >= 7;
  return [
    ...dirsOf(workload).map((d) => (volume ? `--volume=${d.host}:${d.guest}` : `--mapdir=${d.guest}:${d.host}`)),
    ...envPairs(workload).map((pair) => `--env=${pair}`),
  ];
}

/** Why the read-only request of a dir is not honoured on these CLIs (recorded on the case). */
export const READ_WRITE_ONLY = {
  iwasm: "iwasm's --dir / --map-dir have no read-only form (seen: WAMR 2.4.5, a write into the preopen succeeds)",
  wasmer: "wasmer's --mapdir / --volume have no read-only form (wasmer CLI source: MappedDirectory has no flag)",
} as const;

export const WASM3_NO_GUEST_OPTIONS =
  'wasm3 has no flags for preopened dirs or guest env (its uvwasi build preopens only `.` and gives the guest no environment; seen: wasm3 v0.9.0)';
