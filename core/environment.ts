/**
 * The machine fingerprint stored with every run: enough to tell whether two
 * runs are comparable and to explain a figure (timer slack, governor,
 * preemption model).
 */
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import si from 'systeminformation';

async function readTrimmed(path: string): Promise<string | null> {
  return readFile(path, 'utf8').then(
    (s) => s.trim(),
    () => null,
  );
}

/** The kernel's preemption model, from the build string (`uname -v`). */
export function preemptionModel(kernelVersion: string): string {
  if (/PREEMPT_RT/.test(kernelVersion)) return 'PREEMPT_RT';
  if (/PREEMPT_DYNAMIC/.test(kernelVersion)) return 'PREEMPT_DYNAMIC';
  if (/PREEMPT/.test(kernelVersion)) return 'PREEMPT';
  return 'none-or-voluntary';
}

export interface EnvironmentFingerprint {
  arch: string;
  platform: string;
  cpuModel: string;
  cores: number;
  physicalCores: number | null;
  memoryBytes: number;
  kernel: string;
  kernelVersion: string;
  preemption: string;
  distro: string | null;
  virtualization: string | null;
  nodeVersion: string;
  v8Version: string;
  timerSlackNs: number | null;
  governor: string | null;
  loadAverage: number[];
  hostname: string;
}

export async function fingerprint(): Promise<EnvironmentFingerprint> {
  const [cpu, osInfo, system] = await Promise.all([
    si.cpu().catch(() => null),
    si.osInfo().catch(() => null),
    si.system().catch(() => null),
  ]);
  const slack = await readTrimmed('/proc/self/timerslack_ns');
  const kernelVersion = os.version();
  return {
    arch: process.arch,
    platform: process.platform,
    cpuModel: cpu ? `${cpu.manufacturer} ${cpu.brand}`.trim() : (os.cpus()[0]?.model ?? 'unknown'),
    cores: os.availableParallelism(),
    physicalCores: cpu?.physicalCores ?? null,
    memoryBytes: os.totalmem(),
    kernel: os.release(),
    kernelVersion,
    preemption: preemptionModel(kernelVersion),
    distro: osInfo ? `${osInfo.distro} ${osInfo.release}`.trim() : null,
    virtualization: system?.virtual ? system.virtualHost || 'virtual machine' : null,
    nodeVersion: process.version,
    v8Version: process.versions.v8,
    timerSlackNs: slack === null ? null : Number(slack),
    governor: await readTrimmed('/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor'),
    loadAverage: os.loadavg(),
    hostname: os.hostname(),
  };
}
