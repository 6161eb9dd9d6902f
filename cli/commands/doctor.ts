/**
 * `wasmbench doctor`: which runtimes this machine can drive, and how to get
 * the others. For every runtime: found or not, version, host, modes with
 * their cache states, tiers the build lacks (with the reason), the env var
 * that names a binary explicitly, and the install hint for missing or
 * broken ones.
 */
import { EXIT, type ExitCode } from '../../core/errors.ts';
import { createProcessTimer } from '../../core/process/timer.ts';
import { detectRuntimes, runtimeRecord } from '../../core/runtimes.ts';
import type { RuntimeRecord } from '../../core/results/model.ts';
import { textTable } from '../../reports/format.ts';
import { skippedModeNote } from '../../runners/mode-notes.ts';
import { allAdapters } from '../../runners/registry.ts';
import { unavailability } from '../../core/results/run-health.ts';

export interface DoctorEntry {
  id: string;
  available: boolean;
  version: string | null;
  path: string | null;
  host: string;
  arch: string;
  /** `mode(modeName)`, e.g. `baseline(fast-jit)`. */
  modes: string[];
  /** Each mode with its flags and the cache states it is measured in. */
  modeDetails: RuntimeRecord['modes'];
  /** Tiers the build lacks, with the reason (a subset of notes). */
  skippedModes: string[];
  notes: string[];
  /** Env var that names the runtime's binary explicitly (wins over PATH). */
  pathOverride: string | null;
  reason: string | null;
  /** Unavailable only: `not-installed`, or `broken` (found, but its probe failed: see reason). */
  problem: 'not-installed' | 'broken' | null;
  install: string | null;
}

/** Runtimes driven through a CLI (or a host program) take an explicit path in $WASMBENCH_<ID>. */
function overrideVar(id: string): string | null {
  if (id === 'container') return 'WASMBENCH_RUNC (or _CRUN, _PODMAN, _DOCKER)';
  return id === 'node' ? null : id === 'native' ? 'CC' : `WASMBENCH_${id.toUpperCase()}`;
}

export function doctorEntry(record: RuntimeRecord): DoctorEntry {
  const notes = record.notes ?? [];
  return {
    id: record.id,
    available: record.available,
    version: record.version,
    path: record.path,
    host: record.host,
    arch: record.arch,
    modes: record.modes.map((m) => (m.modeName === m.mode ? m.mode : `${m.mode}(${m.modeName})`)),
    modeDetails: record.modes,
    skippedModes: (record.unsupportedModes ?? []).map((u) => skippedModeNote(u.mode, u.modeName, u.reason)),
    notes,
    pathOverride: overrideVar(record.id),
    reason: record.reason ?? null,
    problem: record.available ? null : unavailability(record),
    install: record.install ?? null,
  };
}

function modesCell(e: DoctorEntry): string {
  return e.modeDetails
    .map((m) => `${m.modeName === m.mode ? m.mode : `${m.mode}(${m.modeName})`}[${m.cacheStates.join('/')}]`)
    .join(', ');
}

export async function doctorCommand(flags: { json?: boolean }): Promise<ExitCode> {
  const [runtimes, timer] = await Promise.all([detectRuntimes(allAdapters()), createProcessTimer()]);
  const entries = runtimes.map((r) => doctorEntry(runtimeRecord(r)));
  const timing = { method: timer.method, fallbackReason: timer.fallbackReason };
  if (flags.json) {
    process.stdout.write(JSON.stringify({ runtimes: entries, timing }, null, 2) + '\n');
    return EXIT.ok;
  }
  const rows = entries.map((e) => [
    e.id,
    e.available ? 'yes' : e.problem === 'broken' ? 'broken' : 'no',
    e.version ?? '',
    e.host,
    modesCell(e),
    e.available ? (e.path ?? '') : `${e.problem === 'broken' ? `${e.path ?? ''}: ` : ''}${e.reason}; ${e.install}`,
  ]);
  process.stdout.write(
    textTable(['runtime', 'found', 'version', 'host', 'modes[cache states]', 'path / how to install'], rows, {
      align: 'left',
    }) + '\n\n',
  );
  const skipped = entries.flatMap((e) => e.skippedModes.map((s) => `  ${e.id}: ${s}`));
  if (skipped.length) process.stdout.write(`tiers these builds lack (skipped by run):\n${skipped.join('\n')}\n\n`);
  const overrides = entries.filter((e) => e.pathOverride).map((e) => `$${e.pathOverride}`);
  process.stdout.write(`name a binary explicitly with ${overrides.join(', ')} (wins over PATH)\n`);
  process.stdout.write(
    timer.fallbackReason
      ? `process timing: node-spawn (no per-child CPU/RSS): ${timer.fallbackReason}\n`
      : 'process timing: wait4 helper (per-child CPU time and peak RSS available)\n',
  );
  return EXIT.ok;
}
