/** Finding and importing bench.config.ts (TypeScript, loaded through tsx). */
import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { UsageError } from '../errors.ts';
import { validateUserConfig } from './schema.ts';
import type { UserConfig } from './types.ts';

export const CONFIG_FILE_NAMES = ['bench.config.ts', 'bench.config.mjs', 'bench.config.js'];

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** The config file to use: the one named, or the first default name in `cwd`; null if none. */
export async function findConfigFile(explicit: string | undefined, cwd: string): Promise<string | null> {
  if (explicit) {
    const path = resolve(cwd, explicit);
    if (!(await exists(path))) throw new UsageError(`config file not found: ${path}`, 'check the --config path');
    return path;
  }
  for (const name of CONFIG_FILE_NAMES) {
    const path = resolve(cwd, name);
    if (await exists(path)) return path;
  }
  return null;
}

/** Import a config module and validate its default export. */
export async function loadConfigFile(path: string): Promise<UserConfig> {
  let mod: { default?: unknown };
  try {
    // tsImport loads .ts as ESM wherever the file lives; a plain import() would
    // follow the nearest package.json and fail on a config outside an ESM package.
    mod = path.endsWith('.ts')
      ? await tsImport(pathToFileURL(path).href, import.meta.url)
      : await import(pathToFileURL(path).href);
  } catch (err) {
    throw new UsageError(
      `cannot load ${path}: ${(err as Error).message}`,
      'fix the syntax or imports of the config file',
    );
  }
  mod = unwrapCommonJs(mod);
  if (mod.default === undefined) {
    throw new UsageError(`${path} has no default export`, 'write `export default defineConfig({ ... })`');
  }
  return validateUserConfig(mod.default, path);
}

/** A .ts file outside an ESM package is compiled as CommonJS: its exports arrive one level down. */
function unwrapCommonJs(mod: { default?: unknown }): { default?: unknown } {
  const inner = mod.default as { default?: unknown; __esModule?: boolean } | undefined;
  const wrapped =
    inner &&
    typeof inner === 'object' &&
    'default' in inner &&
    (inner.__esModule || Object.keys(inner).every((k) => k === 'default' || k === '__esModule'));
  return wrapped ? { default: inner.default } : mod;
}
