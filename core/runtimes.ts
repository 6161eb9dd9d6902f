/** Detecting the configured runtimes (used by `run` and `doctor`). */
import type { Detection, RuntimeAdapter } from '../runners/types.ts';
import type { RuntimeRecord } from './results/model.ts';
import { unavailability } from './results/run-health.ts';

export interface DetectedRuntime {
  adapter: RuntimeAdapter;
  detection: Detection;
}

/**
 * Detect each id among the adapters given (runners/registry.ts, passed in by
 * the caller: core knows no concrete runtime); a detect() that throws is
 * reported as unavailable with its message.
 */
export async function detectRuntimes(
  adapters: readonly RuntimeAdapter[],
  ids: readonly string[] = adapters.map((a) => a.id),
): Promise<DetectedRuntime[]> {
  const selected = ids.map((id) => adapters.find((a) => a.id === id)).filter((a): a is RuntimeAdapter => Boolean(a));
  return Promise.all(selected.map(async (adapter) => ({ adapter, detection: await safeDetect(adapter) })));
}

async function safeDetect(adapter: RuntimeAdapter): Promise<Detection> {
  try {
    return await adapter.detect();
  } catch (err) {
    return {
      available: false,
      id: adapter.id,
      host: 'cli',
      arch: process.arch,
      reason: `detection failed: ${(err as Error).message}`,
      problem: 'broken',
      install: 'reinstall the runtime, or run `wasmbench doctor` for details',
    };
  }
}

/** Configured ids that have no adapter in this version of wasmbench. */
export function idsWithoutAdapter(adapters: readonly RuntimeAdapter[], ids: readonly string[]): string[] {
  const known = new Set(adapters.map((a) => a.id));
  return ids.filter((id) => !known.has(id));
}

export function runtimeRecord({ detection }: DetectedRuntime): RuntimeRecord {
  if (detection.available) {
    return {
      id: detection.id,
      host: detection.host,
      available: true,
      version: detection.version,
      path: detection.path,
      arch: detection.arch,
      modes: detection.modes,
      notes: detection.notes,
      ...(detection.unsupportedModes?.length ? { unsupportedModes: detection.unsupportedModes } : {}),
    };
  }
  return {
    id: detection.id,
    host: detection.host,
    available: false,
    version: detection.version ?? null,
    path: detection.path ?? null,
    arch: detection.arch,
    modes: [],
    reason: detection.reason,
    problem: unavailability(detection),
    install: detection.install,
  };
}
