/** `wasmbench doctor`: which runtimes this machine can drive, and how to get the others. */
import { EXIT, type ExitCode } from '../../core/errors.ts';
import { createProcessTimer } from '../../core/process/timer.ts';
import { detectRuntimes, runtimeRecord } from '../../core/runtimes.ts';
import type { RuntimeRecord } from '../../core/results/model.ts';
import { textTable } from '../../reports/format.ts';

export interface DoctorEntry {
  id: string;
  available: boolean;
  version: string | null;
  path: string | null;
  host: string;
  arch: string;
  modes: string[];
  reason: string | null;
  install: string | null;
}

function entry(record: RuntimeRecord): DoctorEntry {
  return {
    id: record.id, available: record.available, version: record.version, path: record.path,
    host: record.host, arch: record.arch,
    modes: record.modes.map((m) => (m.modeName === m.mode ? m.mode : `${m.mode}(${m.modeName})`)),
    reason: record.reason ?? null, install: record.install ?? null,
  };
}

export async function doctorCommand(flags: { json?: boolean }): Promise<ExitCode> {
  const [runtimes, timer] = await Promise.all([detectRuntimes(), createProcessTimer()]);
  const entries = runtimes.map((r) => entry(runtimeRecord(r)));
  const timing = { method: timer.method, fallbackReason: timer.fallbackReason };
  if (flags.json) {
    process.stdout.write(JSON.stringify({ runtimes: entries, timing }, null, 2) + '\n');
    return EXIT.ok;
  }
  const rows = entries.map((e) => [
    e.id, e.available ? 'yes' : 'no', e.version ?? '', e.host, e.modes.join(', '),
    e.available ? (e.path ?? '') : `${e.reason}; ${e.install}`,
  ]);
  process.stdout.write(textTable(['runtime', 'found', 'version', 'host', 'modes', 'path / how to install'], rows) + '\n\n');
  process.stdout.write(timer.fallbackReason
    ? `process timing: node-spawn (no per-child CPU/RSS): ${timer.fallbackReason}\n`
    : 'process timing: wait4 helper (per-child CPU time and peak RSS available)\n');
  return EXIT.ok;
}
