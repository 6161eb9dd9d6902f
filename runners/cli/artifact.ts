/**
 * Ahead-of-time artifacts (.wasmu, .aot, WasmEdge .so) and private cache
 * directories for CLI adapters.
 *
 * Artifacts live in wasmbench's own cache, keyed by everything that makes
 * them valid: runtime id and version, the binary's identity (size and
 * mtime, because local builds print `dev` or the same version for different
 * code), the compile flags and the module's sha256. An artifact from another
 * engine version therefore never matches: it is rebuilt, not trusted. A stamp
 * file beside it is checked again before reuse.
 *
 * Cache directories are always private to a case's workDir: the user's own
 * runtime caches are never read or wiped.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { cachePath } from '../../core/cache-dir.ts';

export interface ArtifactRequest {
  runtimeId: string;
  /** Version as detected, e.g. `2.4.3`. */
  engineVersion: string;
  /** Path of the binary that builds and runs the artifact (and of the compiler, if separate). */
  binaries: string[];
  /** Flags that change the artifact (tier, target). */
  flags: string[];
  wasmPath: string;
  fixtureName: string;
  /** File extension without the dot, e.g. `aot`. */
  ext: string;
}

export interface ArtifactStamp {
  runtimeId: string;
  engineVersion: string;
  binaries: string[];
  flags: string[];
  wasmSha256: string;
}

export interface ArtifactOutcome {
  path: string;
  bytes: number;
  /** Whether it was built now or reused, for the case's notes. */
  note: string;
}

async function binaryIdentity(path: string): Promise<string> {
  const s = await stat(path);
  return `${path}:${s.size}:${Math.round(s.mtimeMs)}`;
}

export async function sha256Of(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

export async function stampFor(req: ArtifactRequest): Promise<ArtifactStamp> {
  return {
    runtimeId: req.runtimeId,
    engineVersion: req.engineVersion,
    binaries: await Promise.all(req.binaries.map(binaryIdentity)),
    flags: req.flags,
    wasmSha256: await sha256Of(req.wasmPath),
  };
}

/** Where the artifact for this stamp lives: a new key for every version, binary, flag set and module. */
export function artifactPathFor(
  req: Pick<ArtifactRequest, 'runtimeId' | 'fixtureName' | 'ext'>,
  stamp: ArtifactStamp,
  root = cachePath('artifacts'),
): string {
  const key = createHash('sha256').update(JSON.stringify(stamp)).digest('hex').slice(0, 16);
  return join(
    root,
    req.runtimeId,
    `${req.fixtureName}-${stamp.engineVersion.replace(/[^\w.-]/g, '_')}-${key}.${req.ext}`,
  );
}

export function stampMatches(found: unknown, wanted: ArtifactStamp): boolean {
  return JSON.stringify(found) === JSON.stringify(wanted);
}

/**
 * The artifact for `req`, built by `build(outPath)` (untimed) unless a file
 * with a matching stamp exists. The build writes to a temp path that is
 * renamed into place, so an interrupted build never leaves a half artifact.
 */
export async function ensureArtifact(
  req: ArtifactRequest,
  build: (outPath: string) => Promise<void>,
  root?: string,
): Promise<ArtifactOutcome> {
  const stamp = await stampFor(req);
  const path = artifactPathFor(req, stamp, root);
  const stampPath = `${path}.stamp.json`;
  const found = await readFile(stampPath, 'utf8').then(
    (t) => JSON.parse(t) as unknown,
    () => null,
  );
  const size = await stat(path).then(
    (s) => s.size,
    () => null,
  );
  if (size !== null && stampMatches(found, stamp))
    return { path, bytes: size, note: `precompiled artifact reused: ${path}` };
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  await rm(tmp, { force: true });
  await build(tmp);
  await rename(tmp, path);
  await writeFile(stampPath, JSON.stringify(stamp, null, 2));
  return {
    path,
    bytes: (await stat(path)).size,
    note: `precompiled artifact built for ${req.runtimeId} ${req.engineVersion}: ${path}`,
  };
}

/** Refuse to touch anything outside the case's own workDir. */
export function assertInside(workDir: string, path: string): void {
  const rel = relative(workDir, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    throw new Error(`refusing to clear ${path}: it is not inside the case directory ${workDir}`);
  }
}

/** Empty (or create) a private cache directory inside workDir: a cold sample's cache. */
export async function freshDir(workDir: string, path: string): Promise<void> {
  assertInside(workDir, path);
  await rm(path, { recursive: true, force: true });
  await mkdir(path, { recursive: true });
}

/** Total bytes of the files under a directory (a populated cache's size). */
export async function directoryBytes(path: string): Promise<number> {
  let total = 0;
  for (const name of await readdir(path, { recursive: true })) {
    const s = await stat(join(path, name));
    if (s.isFile()) total += s.size;
  }
  return total;
}
