/**
 * CPU time and peak RSS of a running process from /proc (Linux). CPU includes
 * children the process has waited for (cutime/cstime), so the cgi server's
 * per-request processes count as server CPU.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface ProcStats {
  cpuNs: number;
  /** Time the main thread waited for a CPU (/proc/PID/schedstat); null where unknown. */
  runDelayNs: number | null;
  /** VmHWM: the peak resident set of the process itself (not its children). */
  maxRssBytes: number;
}

let ticksPerSecond: number | null = null;

function clockTicks(): number {
  if (ticksPerSecond === null) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** Fields of /proc/PID/stat after the parenthesised command name. */
export function parseStatCpuTicks(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime, stime, cutime, cstime are fields 14-17 of stat(5); index 0 here is field 3.
  return [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
}

export function parseVmHwmBytes(status: string): number | null {
  const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
  return match ? Number(match[1]) * 1024 : null;
}

/** Second field of /proc/PID/schedstat: ns spent runnable but not running. */
function readRunDelayNs(pid: number): number | null {
  try {
    const value = Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').trim().split(/\s+/)[1]);
    return Number.isFinite(value) ? value : null;
  } catch {
    return null;
  }
}

/** Null where /proc is missing (not Linux) or the process is gone. */
export function readProcStats(pid: number): ProcStats | null {
  try {
    const cpuTicks = parseStatCpuTicks(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    const rss = parseVmHwmBytes(readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (!Number.isFinite(cpuTicks) || rss === null) return null;
    return { cpuNs: Math.round((cpuTicks * 1e9) / clockTicks()), runDelayNs: readRunDelayNs(pid), maxRssBytes: rss };
  } catch {
    return null;
  }
}
