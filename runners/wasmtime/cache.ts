/**
 * Wasmtime's compilation cache and precompiled artifacts, always private to
 * one case's workDir: the user's own cache (~/.cache/wasmtime) is never read
 * or wiped. A precompiled artifact carries a stamp (engine, version, flags,
 * module hash) and is rebuilt when the stamp differs: Wasmtime refuses
 * artifacts from another engine version or configuration, and a benchmark
 * must not time that refusal.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';

export interface CasePaths {
  cacheDir: string;
  cacheConfig: string;
  artifact: string;
  stamp: string;
}

export function casePaths(workDir: string, fixtureName: string): CasePaths {
  return {
    cacheDir: join(workDir, 'wasmtime-cache'),
    cacheConfig: join(workDir, 'wasmtime-cache.toml'),
    artifact: join(workDir, `${fixtureName}.cwasm`),
    stamp: join(workDir, `${fixtureName}.cwasm.stamp.json`),
  };
}

/** Refuse to delete anything outside the case's own workDir. */
export function assertInside(workDir: string, path: string): void {
  const rel = relative(workDir, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    throw new Error(`refusing to clear ${path}: it is not inside the case directory ${workDir}`);
  }
}

/** Write the private cache config (TOML text from the caller) and create the empty cache dir. */
export async function writeCacheConfig(paths: CasePaths, toml: string): Promise<void> {
  await mkdir(paths.cacheDir, { recursive: true });
  await writeFile(paths.cacheConfig, toml);
}

/** Empty the private cache dir (a cold sample). */
export async function emptyCache(workDir: string, paths: CasePaths): Promise<void> {
  assertInside(workDir, paths.cacheDir);
  await rm(paths.cacheDir, { recursive: true, force: true });
  await mkdir(paths.cacheDir, { recursive: true });
}

/** What built an artifact. */
export interface ArtifactStamp {
  host: string;
  engineVersion: string;
  flags: string[];
  wasmSha256: string;
}

export function stampMatches(found: unknown, wanted: ArtifactStamp): boolean {
  if (typeof found !== 'object' || found === null) return false;
  const f = found as Partial<ArtifactStamp>;
  return (
    f.host === wanted.host &&
    f.engineVersion === wanted.engineVersion &&
    f.wasmSha256 === wanted.wasmSha256 &&
    Array.isArray(f.flags) &&
    f.flags.join('\0') === wanted.flags.join('\0')
  );
}

export async function sha256File(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

async function readStamp(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch {
    return null;
  }
}

export interface ArtifactOutcome {
  bytes: number;
  /** Why it was (re)built, or that it was reused. */
  note: string;
}

/** Reuse the artifact when its stamp matches, else build it (untimed) and stamp it. */
export async function ensureArtifact(
  paths: CasePaths,
  wanted: ArtifactStamp,
  build: () => Promise<void>,
): Promise<ArtifactOutcome> {
  const found = await readStamp(paths.stamp);
  const present = await stat(paths.artifact).then(
    (s) => s.size,
    () => null,
  );
  if (present !== null && stampMatches(found, wanted))
    return { bytes: present, note: 'precompiled artifact reused (stamp matches)' };
  const why =
    present === null
      ? 'built'
      : `rebuilt: the existing artifact came from ${describeStamp(found)}, not ${describeStamp(wanted)}`;
  await rm(paths.artifact, { force: true });
  await build();
  await writeFile(paths.stamp, JSON.stringify(wanted, null, 2));
  const bytes = (await stat(paths.artifact)).size;
  return { bytes, note: `precompiled artifact ${why}` };
}

function describeStamp(stamp: unknown): string {
  if (typeof stamp !== 'object' || stamp === null) return 'an unknown engine (no stamp)';
  const s = stamp as Partial<ArtifactStamp>;
  return `${s.host ?? '?'} ${s.engineVersion ?? '?'} [${(s.flags ?? []).join(' ')}]`;
}
