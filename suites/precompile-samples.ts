/**
 * precompileNs: the time to produce a case's ahead-of-time artifact
 * (`wasmtime compile`, `Module.serialize()` through the Python host,
 * `wasmedge compile`, `wamrc`, `wazero compile`, `wasmer compile`), timed as
 * its own process samples by the same process timer as the run samples, so
 * crossover analyses can count the compile. Taken in prepare(), before the
 * measuring loop: never interleaved with, nor counted in, the run samples.
 * Each sample starts from an empty output directory (a cache hit would time
 * nothing), and the artifact's size is kept beside it. An adapter that
 * times its own one-time preparation (the container's bundle or image, see
 * PreparedCase.preparation) gives the same metric with its own note.
 */
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { MetricResult } from '../core/results/model.ts';
import { defaultSemantics } from '../core/results/semantics.ts';
import type { ProcessTimer } from '../core/process/timer.ts';
import { directoryBytes, freshDir } from '../runners/cli/artifact.ts';
import type { AvailableRuntime, PreparedCase, RunSpec, RuntimeAdapter } from '../runners/types.ts';

/** A few: each can take seconds (a 1.5 MB module through LLVM), and they are context, not the run's figures. */
export const PRECOMPILE_SAMPLES = 3;

async function artifactSize(path: string): Promise<number> {
  const s = await stat(path);
  return s.isDirectory() ? directoryBytes(path) : s.size;
}

/**
 * `precompileNs` and `artifactBytes` metrics for a precompiled case whose
 * adapter can say how it builds the artifact; null otherwise. Throws when a
 * timed compile fails (the artifact the run uses was built the same way, so
 * that is a real fault worth the case's error).
 */
export async function samplePrecompile(
  timer: ProcessTimer,
  adapter: RuntimeAdapter,
  runtime: AvailableRuntime,
  spec: RunSpec,
  timeoutMs: number,
  count = PRECOMPILE_SAMPLES,
): Promise<Record<string, MetricResult> | null> {
  if (spec.cacheState !== 'precompiled' || !adapter.precompileCommand) return null;
  const outDir = join(spec.workDir, 'precompile-sample');
  const wallNs: number[] = [];
  const bytes: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      await freshDir(spec.workDir, outDir);
      const command = await adapter.precompileCommand(runtime, spec, outDir);
      const env = command.env ? ({ ...process.env, ...command.env } as Record<string, string>) : undefined;
      const s = await timer.run({ argv: command.argv, env, cwd: command.cwd ?? spec.workDir, timeoutMs });
      if (s.exitCode !== 0 || s.timedOut || s.spawnError) {
        const why = s.spawnError ?? (s.timedOut ? `timed out after ${timeoutMs} ms` : `exit ${s.exitCode ?? s.signal}`);
        throw new Error(
          `timing the precompile step failed (${command.argv.join(' ')}): ${why}: ${s.stderr.slice(-300)}`,
        );
      }
      wallNs.push(s.wallNs);
      bytes.push(await artifactSize(command.artifactPath));
    }
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
  const note = `${count} compiles timed before the run samples with the same process timer (${timer.method}), each into an empty directory; includes starting the compiler process`;
  return {
    precompileNs: precompileNsMetric(wallNs, note),
    artifactBytes: {
      unit: 'bytes',
      samples: bytes,
      summary: null,
      semantics: defaultSemantics('artifactBytes', 'bytes'),
    },
  };
}

/** `precompileNs` from a preparation the adapter timed itself (one-time work the samples reuse). */
export function preparationMetrics(
  preparation: NonNullable<PreparedCase['preparation']>,
): Record<string, MetricResult> {
  return { precompileNs: precompileNsMetric(preparation.wallNs, preparation.note) };
}

function precompileNsMetric(wallNs: number[], note: string): MetricResult {
  return {
    unit: 'ns',
    samples: wallNs,
    summary: null,
    notes: [note],
    semantics: defaultSemantics('precompileNs', 'ns'),
  };
}
