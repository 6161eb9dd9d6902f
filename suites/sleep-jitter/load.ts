/**
 * `--load cpu`: worker threads that spin on the other cores while a sample
 * runs, to show sleep behaviour under contention. Started before and stopped
 * after every sample, so the harness's own work between samples is not
 * slowed and no thread outlives the run.
 */
import { Worker } from 'node:worker_threads';
import type { LoopCase } from '../../core/loop.ts';

// Plain JS evaluated in the worker: report ready, then spin until terminated.
const SPIN = `
const { parentPort } = require('node:worker_threads');
parentPort.postMessage('ready');
let x = 0;
for (;;) { x = (x * 1103515245 + 12345) | 0; }
`;

export interface CpuLoad {
  stop(): Promise<void>;
}

/** Start `workers` spinning threads; resolves once every one is running. */
export async function startCpuLoad(workers: number): Promise<CpuLoad> {
  const threads = Array.from({ length: workers }, () => new Worker(SPIN, { eval: true }));
  await Promise.all(
    threads.map(
      (t) =>
        new Promise<void>((resolve, reject) => {
          t.once('message', () => resolve());
          t.once('error', reject);
        }),
    ),
  );
  return {
    async stop() {
      await Promise.all(threads.map((t) => t.terminate()));
    },
  };
}

/** The same loop case with the load running around every sample (none when workers is 0). */
export function withCpuLoad(loopCase: LoopCase, workers: number): LoopCase {
  if (workers <= 0) return loopCase;
  return {
    ...loopCase,
    async takeSample(phase, index) {
      const load = await startCpuLoad(workers);
      try {
        return await loopCase.takeSample(phase, index);
      } finally {
        await load.stop();
      }
    },
  };
}
