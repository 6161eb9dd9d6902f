// How every process sample is taken. Prefer the wb-spawn helper (exact wall
// time, per-child CPU and peak RSS from wait4); fall back to Node's spawn,
// with those figures null, when no C compiler exists or the helper cannot run.
import { WasmbenchError } from '../errors.ts';
import { ensureSpawnHelper, type HelperBuild } from './helper-build.ts';
import { createHelperTimer } from './helper-timer.ts';
import { createNodeTimer } from './node-timer.ts';
import type { ProcessSample, ProcessTimer } from './types.ts';

export type { ProcessRequest, ProcessSample, ProcessTimer } from './types.ts';

export interface ProcessTimerOptions {
  /** 'auto' (default): the helper when it works, else node-spawn with `fallbackReason` set. */
  method?: 'auto' | ProcessSample['method'];
}

/** Builds the helper and runs it once on itself, so a noexec cache dir or a broken build is caught here, not mid-run. */
async function usableHelper(): Promise<HelperBuild> {
  const built = await ensureSpawnHelper();
  if (built.path === null) return built;
  try {
    const s = await createHelperTimer(built.path).run({ argv: [built.path, '--version'], timeoutMs: 10_000 });
    if (s.exitCode === 0 && s.stdout.startsWith('wb-spawn ')) return built;
    return { path: null, reason: `wb-spawn self-test failed: ${s.spawnError ?? `exit ${s.exitCode ?? s.signal}`}` };
  } catch (err) {
    return { path: null, reason: `wb-spawn self-test failed: ${(err as Error).message}` };
  }
}

let helperCheck: Promise<HelperBuild> | null = null;

export async function createProcessTimer(options: ProcessTimerOptions = {}): Promise<ProcessTimer> {
  const method = options.method ?? 'auto';
  if (method === 'node-spawn') return createNodeTimer(null);
  helperCheck ??= usableHelper();
  const helper = await helperCheck;
  if (helper.path !== null) return createHelperTimer(helper.path);
  if (method === 'wait4-helper') {
    throw new WasmbenchError(`the wait4-helper timer is unavailable: ${helper.reason}`, undefined, "install a C compiler (apt-get install gcc) or use timing 'auto'/'node-spawn'");
  }
  return createNodeTimer(helper.reason);
}
