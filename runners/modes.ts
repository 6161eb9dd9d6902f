/** Looking up one of a detected runtime's tiers. */
import type { AvailableRuntime, Mode, ModeSupport } from './types.ts';

/** The tier `mode` of this runtime build; a planner bug (a mode detection did not find) throws, naming what there is. */
export function modeOf(runtime: AvailableRuntime, mode: Mode): ModeSupport {
  const found = runtime.modes.find((m) => m.mode === mode);
  if (!found) {
    const host = runtime.host === 'cli' ? '' : ` (${runtime.host})`;
    throw new Error(
      `${runtime.id}${host} has no ${mode} mode here; it has ${runtime.modes.map((m) => m.mode).join(', ')}`,
    );
  }
  return found;
}
