// Building a real SuiteContext for end-to-end tests of suites and cases.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig } from '../../core/config/resolve.ts';
import type { UserConfig } from '../../core/config/types.ts';
import { RunEventBus } from '../../core/events.ts';
import { createProcessTimer } from '../../core/process/timer.ts';
import { detectRuntimes } from '../../core/runtimes.ts';
import { allAdapters } from '../../runners/registry.ts';
import type { SuiteContext } from '../../suites/types.ts';

export async function suiteContext(user: UserConfig): Promise<SuiteContext> {
  const config = resolveConfig(user, { source: null, runId: 'test', seed: () => 1 });
  return {
    config,
    runtimes: await detectRuntimes(allAdapters(), config.runtimes),
    timer: await createProcessTimer(),
    bus: new RunEventBus(),
    workDir: await mkdtemp(join(tmpdir(), 'wasmbench-test-')),
    signal: new AbortController().signal,
  };
}
