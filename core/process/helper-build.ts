// Compiles the wb-spawn helper (spawn-helper.c) on first use and caches the
// binary per architecture, source and compiler, so a source edit or a new
// compiler rebuilds it and concurrent wasmbench processes never see a
// half-written file (build into a temp name, then rename).
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { access, constants, mkdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { cachePath } from '../cache-dir.ts';

const run = promisify(execFile);

export const HELPER_SOURCE = fileURLToPath(new URL('./spawn-helper.c', import.meta.url));
/** #included by HELPER_SOURCE: part of the cache key too. */
const SERVE_SOURCE = fileURLToPath(new URL('./spawn-serve.c', import.meta.url));

export type HelperBuild = { path: string; reason: null } | { path: null; reason: string };

/** The helper's build id from its path: the `<arch>-<12 hex>` directory (sources + compiler version). */
export function helperBuildId(path: string): string {
  return basename(dirname(path));
}

interface Compiler {
  argv: string[]; // e.g. ['cc'] or ['ccache', 'gcc'] from $CC
  version: string;
}

function candidates(): string[][] {
  const cc = process.env.CC?.trim();
  const fromEnv = cc ? [cc.split(/\s+/)] : [];
  return [...fromEnv, ['cc'], ['gcc'], ['clang']];
}

async function probe(argv: string[]): Promise<Compiler | null> {
  try {
    const { stdout } = await run(argv[0], [...argv.slice(1), '--version'], { timeout: 10_000 });
    return { argv, version: stdout.trim() };
  } catch {
    return null;
  }
}

/** The cache path for this source + compiler: `<arch>-<12 hex>/wb-spawn`. */
export function helperPath(source: string, compilerVersion: string): string {
  const hash = createHash('sha256').update(source).update('\0').update(compilerVersion).digest('hex');
  const dir = `${process.arch}-${hash.slice(0, 12)}`;
  return cachePath('spawn-helper', dir, 'wb-spawn'); // $XDG_CACHE_HOME or ~/.cache
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function compile(cc: Compiler, target: string): Promise<string | null> {
  await mkdir(dirname(target), { recursive: true });
  const tmp = `${target}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  const [bin, ...pre] = cc.argv;
  try {
    await run(bin, [...pre, '-O2', '-o', tmp, HELPER_SOURCE], { timeout: 60_000 });
    await rename(tmp, target); // atomic: a racing build just replaces an identical file
    return null;
  } catch (err) {
    await rm(tmp, { force: true });
    const e = err as { stderr?: string; message: string };
    return `${cc.argv.join(' ')} failed: ${(e.stderr || e.message).trim().slice(0, 2000)}`;
  }
}

async function build(): Promise<HelperBuild> {
  if (process.platform === 'win32') return { path: null, reason: 'wb-spawn needs POSIX (not Windows)' };
  const source = (await readFile(HELPER_SOURCE, 'utf8')) + '\0' + (await readFile(SERVE_SOURCE, 'utf8'));
  const failures: string[] = [];
  for (const argv of candidates()) {
    const cc = await probe(argv);
    if (!cc) continue;
    const target = helperPath(source, cc.version);
    if (await isExecutable(target)) return { path: target, reason: null };
    const failure = await compile(cc, target);
    if (failure === null) return { path: target, reason: null };
    failures.push(failure);
  }
  const reason = failures.length
    ? `could not compile the wb-spawn helper: ${failures.join('; ')}`
    : 'no C compiler found ($CC, cc, gcc, clang); install one (e.g. apt-get install gcc) for per-child CPU and RSS figures';
  return { path: null, reason };
}

let pending: Promise<HelperBuild> | null = null;

/** The helper's path, building it once per process; null with a reason when impossible. */
export function ensureSpawnHelper(): Promise<HelperBuild> {
  pending ??= build().catch((err: Error) => ({ path: null, reason: `wb-spawn build: ${err.message}` }));
  return pending;
}
