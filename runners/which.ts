/** Finding executables on PATH without a shell. */
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { delimiter, isAbsolute, join } from 'node:path';

async function isExecutable(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
}

/** The absolute path of `name` (a bare name searched on PATH, or a path), or null. */
export async function which(name: string): Promise<string | null> {
  if (name.includes('/'))
    return (await isExecutable(name)) ? (isAbsolute(name) ? name : join(process.cwd(), name)) : null;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (await isExecutable(candidate)) return candidate;
  }
  return null;
}

/** The first candidate that resolves; undefined and empty candidates are skipped. */
export async function findExecutable(candidates: (string | undefined)[]): Promise<string | null> {
  for (const name of candidates) {
    if (!name) continue;
    const found = await which(name);
    if (found) return found;
  }
  return null;
}
