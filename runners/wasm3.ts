/**
 * wasm3: a pure interpreter (no JIT, no cache, no AOT), so one mode and one
 * cache state. `wasm3 app.wasm a b`; the uvwasi build preopens `.` itself.
 *
 * Checked against a real binary: wasm3 v0.9.0 (git main, GCC 12.2.0, the
 * default uvwasi WASI) on x86_64, 2026-11-21.
 */
import { type CliIdentity, finishDetection, identifyCli, tryRun } from './cli/detect.ts';
import { TierLog } from './mode-notes.ts';
import { PROBE_WASM } from './cli/probe.ts';
import { parseSemver } from './cli/version.ts';
import { WASM3_NO_GUEST_OPTIONS } from './cli/guest-options.ts';
import type {
  AvailableRuntime,
  Detection,
  ModeSupport,
  PreparedCase,
  RunSpec,
  RuntimeAdapter,
  SampleCommand,
} from './types.ts';
import { WHOLE_STDERR } from './types.ts';

export const WASM3: CliIdentity = {
  id: 'wasm3',
  envVar: 'WASMBENCH_WASM3',
  names: ['wasm3'],
  install: 'install wasm3 (a release from https://github.com/wasm3/wasm3, or your package manager) and put it on PATH',
};

/**
 * uvwasi_poll_oneoff turns an absolute clock subscription into a delay by
 * subtracting CLOCK_REALTIME now, whatever the subscription's clock: a
 * CLOCK_MONOTONIC deadline (seconds since boot) minus the epoch time wraps
 * to a huge unsigned delay, so the guest never wakes.
 */
export const UVWASI_ABSOLUTE_HANGS =
  "uvwasi (wasm3's WASI) converts an absolute deadline with CLOCK_REALTIME whatever the subscription's clock, so a CLOCK_MONOTONIC deadline never arrives: the guest hangs (seen: wasm3 v0.9.0 on x86_64, 2026-12-01; uvwasi src/uvwasi.c uvwasi_poll_oneoff)";

export const WASM3_MODES: ModeSupport[] = [
  { mode: 'interpreter', modeName: 'wasm3', flags: [], cacheStates: ['cold'] },
];

/**
 * The version from `wasm3 --version`: `Wasm3 v0.9.0 on x86_64` then
 * `Build: <date>, GCC 12.2.0`. Only a line naming Wasm3 counts, so another
 * program called wasm3 is not mistaken for it.
 */
export function parseWasm3Version(output: string): string | null {
  const line = output.split('\n').find((l) => /^\s*wasm3\b/i.test(l));
  return line ? (parseSemver(line)?.text ?? null) : null;
}

export function wasm3RunArgv(wasm3: string, modulePath: string, args: string[]): string[] {
  return [wasm3, modulePath, ...args];
}

export const wasm3Adapter: RuntimeAdapter = {
  id: 'wasm3',
  displayName: 'wasm3 (interpreter)',
  async detect(): Promise<Detection> {
    const found = await identifyCli(WASM3, ['--version'], parseWasm3Version);
    if (!found.ok) return found.detection;
    const failure = await tryRun(wasm3RunArgv(found.path, PROBE_WASM, []));
    const log = new TierLog([`raw version: ${found.raw}`]);
    if (failure) log.lacks('interpreter', 'wasm3', `running a tiny module failed: ${failure}`);
    else log.note('wasm3 keeps no compilation cache and has no AOT: only the cold state exists');
    log.note(
      'the uvwasi build reports CLOCK_REALTIME in whole microseconds (seen: stamps end in 000), so mainEntryNs is microsecond-granular',
    );
    return finishDetection(WASM3, found.path, found.version, failure ? [] : WASM3_MODES, log);
  },
  async prepare(_runtime: AvailableRuntime, spec: RunSpec): Promise<PreparedCase> {
    return { artifactPath: spec.fixture.wasmPath, notes: [] };
  },
  command(runtime: AvailableRuntime, spec: RunSpec, prepared: PreparedCase): SampleCommand {
    return { argv: wasm3RunArgv(runtime.path, prepared.artifactPath, spec.args), env: spec.env, cwd: spec.workDir };
  },
  guestOptions: () => ({ passes: false, reason: WASM3_NO_GUEST_OPTIONS }),
  // Seen (wasm3 v0.9.0, 2026-12-02): a run that exits 0 passes the guest's stderr through and adds nothing.
  guestStderr: () => WHOLE_STDERR,
  sleepNotes: {
    mechanism:
      'the default (uvwasi) build: poll_oneoff on a clock subscription truncates the timeout to whole milliseconds for a libuv timer, so sub-ms sleeps return early (seen: a 500 µs sleep woke ~470 µs early, a 10 ms one ~0.1 ms early); builds with BUILD_WASI=simple/metawasi differ',
    roundsToMs: true,
    source:
      'shared/design/RUNTIME-CLIS.md "How sleep is implemented" (uvwasi src/poll_oneoff.c); wasm3 CMakeLists.txt BUILD_WASI default uvwasi',
    absoluteUnsupported: UVWASI_ABSOLUTE_HANGS,
  },
};
