/**
 * Scratch directories under the system temp dir, named
 * `wasmbench-<pid>-<kind>-XXXXXX` so that a later run can tell whether the
 * process that made one is still alive, and remove it when it is not (a
 * SIGKILLed run never gets to clean up after itself).
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pidAlive } from './process/pid-alive.ts';

const OWNED = /^wasmbench-(\d+)-/;

/** A new scratch directory owned by this process. */
export function makeWorkDir(kind: string, root = tmpdir()): Promise<string> {
  return mkdtemp(join(root, `wasmbench-${process.pid}-${kind}-`));
}

/** Remove scratch directories whose owner process is gone; returns their names. Never throws. */
export async function removeStaleWorkDirs(root = tmpdir()): Promise<string[]> {
  const entries = await readdir(root).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const entry of entries) {
    const pid = Number(OWNED.exec(entry)?.[1]);
    if (!pid || pid === process.pid || pidAlive(pid)) continue;
    const ok = await rm(join(root, entry), { recursive: true, force: true }).then(
      () => true,
      () => false,
    );
    if (ok) removed.push(entry);
  }
  return removed;
}
