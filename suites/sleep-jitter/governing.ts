/**
 * What governs a sleep's lateness on this machine, copied into every case's
 * params (the run's `environment` has the same facts): the harness's timer
 * slack (children inherit it), the kernel's preemption model and the CPU
 * frequency governor.
 */
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { preemptionModel } from '../../core/environment.ts';

async function readTrimmed(path: string): Promise<string | null> {
  return readFile(path, 'utf8').then(
    (s) => s.trim(),
    () => null,
  );
}

export async function governingFacts(): Promise<Record<string, unknown>> {
  const slack = await readTrimmed('/proc/self/timerslack_ns');
  return {
    timerSlackNs: slack === null ? null : Number(slack),
    preemption: preemptionModel(os.version()),
    governor: await readTrimmed('/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor'),
  };
}
