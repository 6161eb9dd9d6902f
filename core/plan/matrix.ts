/**
 * The planner: the one place that turns the resolved config, the detected
 * runtimes and the workloads into the cells a suite measures (runtime x mode
 * x cache state x workload x suite params), in a stable order, with every
 * cell that cannot run as a structured skip. A suite says what it needs
 * (`SuiteNeeds`) and builds a case per cell; it never loops over runtimes.
 */
import type { ResolvedConfig } from '../config/types.ts';
import type { CacheState, ModeSupport } from '../../runners/types.ts';
import type { SkipReason } from './skip.ts';
import type { AvailableHandle, RuntimeHandle } from './types.ts';
import { unavailability } from '../results/run-health.ts';

/** What the user selected (`--mode`, `--cache-state`): a resolved config, or null for "everything". */
export type Selection = Pick<ResolvedConfig, 'modes' | 'cacheStates'>;

export interface SuiteNeeds<W, P = undefined> {
  workloads: readonly W[];
  /** Suite params crossed with every cell (e.g. sleep variants). @default [undefined] */
  params?: readonly P[];
  /**
   * `all`: every tier of the runtime; `default`: only its default (first)
   * tier unless the config selects modes. Either way `config.modes` filters.
   */
  modes: 'all' | 'default';
  /**
   * `all`: every cache state the tier supports (filtered by `config.cacheStates`);
   * else a pick of at most one from the allowed ones (undefined: none fits).
   */
  cacheStates: 'all' | ((allowed: CacheState[], mode: ModeSupport) => CacheState | undefined);
  /** Why this runtime cannot run this workload, or null (e.g. no native twin for a user module). */
  unsupported?(handle: AvailableHandle, workload: W): string | null;
  /** The workload's name, for skip reasons. @default String(workload.name) */
  nameOf?(workload: W): string;
}

export interface PlanCell<W, P> {
  kind: 'case';
  handle: AvailableHandle;
  mode: ModeSupport;
  cacheState: CacheState;
  workload: W;
  params: P;
}

export interface PlanSkip {
  kind: 'skip';
  handle: RuntimeHandle;
  reason: SkipReason;
}

export type PlanEntry<W, P> = PlanCell<W, P> | PlanSkip;

/** Runtime by runtime: its cells, then the tiers its build lacks, or one skip standing for the whole runtime. */
export function planMatrix<W, P = undefined>(
  config: Selection,
  runtimes: readonly RuntimeHandle[],
  needs: SuiteNeeds<W, P>,
): PlanEntry<W, P>[] {
  return runtimes.flatMap((handle) => planRuntime(config, handle, needs));
}

function planRuntime<W, P>(config: Selection, handle: RuntimeHandle, needs: SuiteNeeds<W, P>): PlanEntry<W, P>[] {
  const { detection } = handle;
  if (!detection.available) {
    return [
      {
        kind: 'skip',
        handle,
        reason: {
          kind: unavailability(detection) === 'broken' ? 'broken' : 'not-installed',
          runtime: detection.id,
          detail: detection.reason,
          install: detection.install,
        },
      },
    ];
  }
  const available = handle as AvailableHandle;
  const entries: PlanEntry<W, P>[] = [];
  for (const mode of selectedModes(config, available, needs.modes)) {
    for (const cacheState of selectedCacheStates(config, mode, needs.cacheStates)) {
      for (const workload of needs.workloads) {
        const why = needs.unsupported?.(available, workload);
        if (why) {
          const name = needs.nameOf ? needs.nameOf(workload) : String((workload as { name?: unknown }).name);
          entries.push({
            kind: 'skip',
            handle,
            reason: {
              kind: 'workload-unsupported',
              runtime: detection.id,
              mode: mode.mode,
              modeName: mode.modeName,
              cacheState,
              workload: name,
              detail: why,
            },
          });
          continue;
        }
        for (const params of needs.params ?? [undefined as P])
          entries.push({ kind: 'case', handle: available, mode, cacheState, workload, params });
      }
    }
  }
  entries.push(...lackingTiers(config, available, needs.modes));
  if (entries.length > 0) return entries;
  return [
    {
      kind: 'skip',
      handle,
      reason: {
        kind: 'nothing-selected',
        runtime: detection.id,
        detail: 'no selected mode and cache state exists on this runtime',
        ...(config.modes ? { selectedModes: [...config.modes] } : {}),
        ...(config.cacheStates ? { selectedCacheStates: [...config.cacheStates] } : {}),
        availableModes: detection.modes.map((m) => m.mode),
      },
    },
  ];
}

function selectedModes(config: Selection, handle: AvailableHandle, policy: 'all' | 'default'): ModeSupport[] {
  const { modes } = handle.detection;
  if (config.modes) return modes.filter((m) => config.modes!.includes(m.mode));
  return policy === 'default' ? modes.slice(0, 1) : modes;
}

function selectedCacheStates(
  config: Selection,
  mode: ModeSupport,
  policy: SuiteNeeds<unknown>['cacheStates'],
): CacheState[] {
  const allowed = mode.cacheStates.filter((s) => !config.cacheStates || config.cacheStates.includes(s));
  if (policy === 'all') return allowed;
  const picked = policy(allowed, mode);
  return picked ? [picked] : [];
}

/** Tiers the build lacks that the suite would have run: recorded, never silently left out. */
function lackingTiers(config: Selection, handle: AvailableHandle, policy: 'all' | 'default'): PlanSkip[] {
  const { detection } = handle;
  // With the `default` policy and no selection, the other tiers are not asked for, so none is lacking.
  if (policy === 'default' && !config.modes) return [];
  return (detection.unsupportedModes ?? [])
    .filter((lacking) => !config.modes || config.modes.includes(lacking.mode))
    .map((lacking) => ({
      kind: 'skip' as const,
      handle,
      reason: {
        kind: 'mode-unsupported' as const,
        runtime: detection.id,
        mode: lacking.mode,
        modeName: lacking.modeName,
        detail: lacking.reason,
      },
    }));
}
