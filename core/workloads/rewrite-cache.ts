/**
 * Rewritten modules (see rewrite.ts) are cached by the original's sha256 in
 * wasmbench's cache dir, so a corpus is rewritten once per machine, not per
 * case or run. binaryen is loaded only when a rewrite is really needed: it
 * is large and nothing else uses it.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { cachePath } from '../cache-dir.ts';
import type { RewriteRecord } from './provenance.ts';
import type { Workload } from './types.ts';

/** Bump when rewrite.ts changes what it emits, so old cached copies are not reused. */
export const REWRITE_VERSION = 1;

export async function rewrittenModule(workload: Workload): Promise<RewriteRecord> {
  const { REWRITE_METHOD, rewriteBenchMarkers } = await import('./rewrite.ts');
  const path = cachePath('rewritten', `${workload.module.sha256}-v${REWRITE_VERSION}.wasm`);
  if (!existsSync(path)) {
    const bytes = rewriteBenchMarkers(new Uint8Array(await readFile(workload.wasmPath)), workload.wasmPath);
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.tmp-${process.pid}`;
    await writeFile(tmp, bytes);
    await rename(tmp, path);
  }
  const sha256 = createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
  return { method: REWRITE_METHOD, sha256, path };
}
