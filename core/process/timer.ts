// How every process sample is taken. Prefer the wb-spawn helper (exact wall
// time, per-child CPU and peak RSS from wait4); fall back to Node's spawn,
// with those figures null, when no C compiler exists or the helper cannot run.
import { WasmbenchError } from '../errors.ts';
import { ensureSpawnHelper, type HelperBuild } from './helper-build.ts';
import { createHelperTimer } from './helper-timer.ts';
import { createNodeTimer } from './node-timer.ts';
import { createServeTimer } from './serve-timer.ts';
import type { ProcessSample, ProcessTimer } from './types.ts';

export type { ProcessRequest, ProcessSample, ProcessTimer } from './types.ts';

/** The fields a case records about its timer (results.json `timing`, `timingMode`, `helperBuildId`). */
export function timingOf(timer: ProcessTimer): {
  timing: string;
  timingMode?: 'serve' | 'per-sample';
  helperBuildId?: string;
} {
  return {
    timing: timer.method,
    ...(timer.helperMode ? { timingMode: timer.helperMode } : {}),
    ...(timer.helperBuildId ? { helperBuildId: timer.helperBuildId } : {}),
  };
}

export interface ProcessTimerOptions {
  /** 'auto' (default): the helper when it works, else node-spawn with `fallbackReason` set. */
  method?: 'auto' | ProcessSample['method'];
  /**
   * How the wait4 helper runs: 'serve' keeps one warm helper per timer for all
   * samples; 'oneshot' spawns a fresh helper per sample (the fallback when
   * serve mode fails its self-test).
   * @default 'serve'
   */
  helperMode?: 'serve' | 'oneshot';
}

/** The self-test both modes must pass: the helper runs itself with --version. */
async function selfTest(timer: ProcessTimer, path: string): Promise<string | null> {
  try {
    const s = await timer.run({ argv: [path, '--version'], timeoutMs: 10_000 });
    if (s.exitCode === 0 && s.stdout.startsWith('wb-spawn ')) return null;
    return `wb-spawn self-test failed: ${s.spawnError ?? `exit ${s.exitCode ?? s.signal}`}`;
  } catch (err) {
    return `wb-spawn self-test failed: ${(err as Error).message}`;
  }
}

/** A serve-mode timer, or null when serve mode does not work here (the one-shot mode is used instead). */
async function serveTimer(path: string): Promise<ProcessTimer | null> {
  const timer = createServeTimer(path);
  const reason = await selfTest(timer, path);
  if (reason === null) return timer;
  timer.close();
  // Figures stay exact in one-shot mode, but say why the warm helper was lost.
  process.emitWarning(`wb-spawn serve mode unavailable, spawning a helper per sample: ${reason}`);
  return null;
}

/** Builds the helper and runs it once on itself, so a noexec cache dir or a broken build is caught here, not mid-run. */
async function usableHelper(): Promise<HelperBuild> {
  const built = await ensureSpawnHelper();
  if (built.path === null) return built;
  const reason = await selfTest(createHelperTimer(built.path), built.path);
  return reason === null ? built : { path: null, reason };
}

let helperCheck: Promise<HelperBuild> | null = null;

export async function createProcessTimer(options: ProcessTimerOptions = {}): Promise<ProcessTimer> {
  const method = options.method ?? 'auto';
  if (method === 'node-spawn') return createNodeTimer(null);
  helperCheck ??= usableHelper();
  const helper = await helperCheck;
  if (helper.path !== null) {
    const serve = (options.helperMode ?? 'serve') === 'serve' ? await serveTimer(helper.path) : null;
    return serve ?? createHelperTimer(helper.path);
  }
  if (method === 'wait4-helper') {
    throw new WasmbenchError(
      `the wait4-helper timer is unavailable: ${helper.reason}`,
      undefined,
      "install a C compiler (apt-get install gcc) or use timing 'auto'/'node-spawn'",
    );
  }
  return createNodeTimer(helper.reason);
}
