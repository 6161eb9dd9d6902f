/** wasmbench's own cache: `$XDG_CACHE_HOME/wasmbench` (or ~/.cache/wasmbench). */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function cacheRoot(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'wasmbench');
}

export function cachePath(...parts: string[]): string {
  return join(cacheRoot(), ...parts);
}
