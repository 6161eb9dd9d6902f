/**
 * The suites and runtime adapters this build ships. core/ runs whatever it
 * is given and imports none of them; commands (and tests) hand these in.
 */
import type { RuntimeAdapter } from '../runners/types.ts';
import { allAdapters } from '../runners/registry.ts';
import type { Suite } from '../core/plan/types.ts';
import { allSuites } from '../suites/registry.ts';

export interface BuiltIns {
  suites: readonly Suite[];
  adapters: readonly RuntimeAdapter[];
}

export function builtIns(): BuiltIns {
  return { suites: allSuites(), adapters: allAdapters() };
}
