/**
 * The cgi server runs one command per request and calls no reset() between
 * them. An adapter that remakes its cold state before each sample (reset():
 * wasmtime and wasmer empty their compilation cache, the container writes a
 * fresh bundle) would run every request after the first warm, labeled cold;
 * such a cell is skipped with the reason instead. Warm is preferred anyway
 * (what a function host runs with), so this only bites when a user selects
 * `--cache-state cold` alone.
 */
import type { CacheState, ModeSupport } from '../../runners/types.ts';
import { modeVariant } from '../guest-case.ts';
import type { PlannedCase, RuntimeHandle } from '../types.ts';
import { skippedThroughputCase } from './cases.ts';

function reason(runtimeId: string): string {
  return `the cgi server runs one ${runtimeId} command per request with nothing reset between requests, while ${runtimeId}'s cold state is remade before each sample (an emptied compilation cache, a fresh container bundle): every request after the first would run warm, labeled cold; select --cache-state warm`;
}

/** The skipped case for a cold cgi cell whose cold state needs a per-sample reset(), else null. */
export function cgiColdSkip(
  handle: RuntimeHandle,
  mode: ModeSupport,
  cacheState: CacheState,
  workload?: string,
): PlannedCase | null {
  const { adapter, detection } = handle;
  if (cacheState !== 'cold' || !adapter.reset || !detection.available) return null;
  return skippedThroughputCase(
    'cgi',
    detection.id,
    detection.host,
    {
      kind: 'unavailable',
      runtime: detection.id,
      mode: mode.mode,
      modeName: mode.modeName,
      cacheState,
      workload,
      detail: reason(detection.id),
    },
    modeVariant(detection.modes, mode),
  );
}
