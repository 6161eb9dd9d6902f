/**
 * Native builds of the same C sources: the reference every wasm figure is
 * compared with, and the oracle for expected output. Built with the system
 * C compiler at -O2 into a cache keyed by arch, compiler version and sources.
 */
import { createHash } from 'node:crypto';
import { access, mkdir, readdir, readFile, rename, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { buildNative } from '../fixtures/build.ts';
import { INCLUDE_DIR } from '../core/workloads/compile.ts';
import type { Fixture } from '../core/workloads/manifest.ts';
import { cachePath } from '../core/cache-dir.ts';
import { findExecutable } from './which.ts';
import { describeFailure, probe } from './cli/probe.ts';
import type { AvailableRuntime, Detection, PreparedCase, RunSpec, RuntimeAdapter, SampleCommand } from './types.ts';
import { WHOLE_STDERR } from './types.ts';

const INSTALL = 'install a C compiler: apt-get install gcc (or set CC)';

/**
 * The architecture the compiler targets (`cc -dumpmachine`), in Node's names,
 * so a cross compiler (CC=aarch64-linux-gnu-gcc) is recorded as arm64.
 */
async function targetArch(cc: string): Promise<string> {
  const result = await probe([cc, '-dumpmachine']);
  const triple = result.ok ? result.stdout.trim() : '';
  const cpu = triple.split('-')[0];
  const names: Record<string, string> = {
    x86_64: 'x64',
    aarch64: 'arm64',
    arm64: 'arm64',
    i686: 'ia32',
    riscv64: 'riscv64',
    s390x: 's390x',
    powerpc64le: 'ppc64',
  };
  return names[cpu] ?? process.arch;
}

/**
 * Optional runner prefix for cross builds, e.g.
 * WASMBENCH_NATIVE_EXEC="qemu-aarch64 -L /usr/aarch64-linux-gnu" with
 * CC=aarch64-linux-gnu-gcc. Split on spaces; no shell.
 */
function execPrefix(): string[] {
  return (process.env.WASMBENCH_NATIVE_EXEC ?? '').split(/\s+/).filter(Boolean);
}

/** The first line of `cc --version`, or why it failed (a crash, a hang past the probe timeout, no output). */
async function compilerVersion(cc: string): Promise<{ ok: true; version: string } | { ok: false; reason: string }> {
  const result = await probe([cc, '--version']);
  const version = result.stdout.split('\n')[0].trim();
  if (!result.ok || !version)
    return { ok: false, reason: `\`${cc} --version\` failed (${result.ok ? 'no output' : describeFailure(result)})` };
  return { ok: true, version };
}

/** Key for a fixture's native binary: sources, manifest and compiler identity. */
export async function nativeBuildKey(fixture: Fixture, compiler: string): Promise<string> {
  const hash = createHash('sha256').update(compiler).update(process.arch).update(JSON.stringify(fixture.sources));
  // External sources (e.g. the SQLite amalgamation) are pinned by sha256 in fixture.json, hashed below.
  const external = new Set((fixture.external ?? []).map((e) => e.file));
  const local = fixture.sources.filter((name) => !external.has(name));
  for (const name of ['fixture.json', ...local]) hash.update(await readFile(join(fixture.dir, name)));
  // Shared headers (fixtures/wasm/include) are part of every build.
  for (const name of (await readdir(INCLUDE_DIR)).sort())
    hash.update(name).update(await readFile(join(INCLUDE_DIR, name)));
  return hash.digest('hex').slice(0, 16);
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

export const nativeAdapter: RuntimeAdapter = {
  id: 'native',
  displayName: 'native (system C compiler, -O2)',
  async detect(): Promise<Detection> {
    const cc = await findExecutable([process.env.CC, 'cc', 'gcc', 'clang']);
    if (!cc)
      return {
        available: false,
        id: 'native',
        host: 'native',
        arch: process.arch,
        reason: 'no C compiler found (tried $CC, cc, gcc, clang)',
        install: INSTALL,
      };
    const compiler = await compilerVersion(cc);
    if (!compiler.ok)
      return {
        available: false,
        id: 'native',
        host: 'native',
        arch: process.arch,
        path: cc,
        problem: 'broken',
        reason: compiler.reason,
        install: INSTALL,
      };
    return {
      available: true,
      id: 'native',
      host: 'native',
      path: cc,
      version: compiler.version,
      arch: await targetArch(cc),
      modes: [{ mode: 'aot', modeName: 'cc -O2', flags: ['-O2'], cacheStates: ['precompiled'] }],
      notes: ['native binaries are built untimed before the first sample; the figure is the program itself'],
    };
  },
  async prepare(runtime: AvailableRuntime, spec: RunSpec): Promise<PreparedCase> {
    // A user's workload brings its native twin as a command; only fixtures are built here from source.
    const twin = spec.workload?.native?.command;
    if (twin)
      return { artifactPath: twin[0], notes: ["the workload's native.command, run as given (not built by wasmbench)"] };
    const key = await nativeBuildKey(spec.fixture, runtime.version);
    const binary = cachePath('native', `${runtime.arch}`, `${spec.fixture.name}-${key}`);
    if (!(await exists(binary))) {
      await mkdir(dirname(binary), { recursive: true });
      const tmp = `${binary}.tmp-${process.pid}`;
      await buildNative(spec.fixture, tmp, runtime.path);
      await rename(tmp, binary);
    }
    return { artifactPath: binary, artifactBytes: (await stat(binary)).size, notes: [] };
  },
  command(_runtime: AvailableRuntime, spec: RunSpec, prepared: PreparedCase): SampleCommand {
    const twin = spec.workload?.native?.command;
    const program = twin ? [...twin] : [prepared.artifactPath];
    return {
      argv: [...execPrefix(), ...program, ...spec.args],
      env: spec.workload ? { ...spec.env, ...spec.workload.env } : spec.env,
    };
  },
  // No preopens natively: the twin opens host paths with the harness user's permissions; env is its process env.
  guestOptions: () => ({
    passes: true,
    readWriteOnly: "a native program has no preopens: it opens host paths with the harness user's permissions",
  }),
  // The native twin is the program itself: its stderr is the guest's.
  guestStderr: () => WHOLE_STDERR,
  workloadUnsupported: (workload) =>
    workload.fixture || workload.native
      ? null
      : 'the workload gives no native.command (the same program built natively); add native: { command: [...] } to it in bench.config.ts to compare with native',
  sleepNotes: {
    mechanism: 'clock_nanosleep / nanosleep from the C library, directly on the kernel hrtimer',
    roundsToMs: false,
    source: 'glibc nanosleep(3); the harness process timer slack applies',
  },
};
