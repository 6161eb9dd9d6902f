/** Test helper: small synthetic results files for compare / gate / merge tests. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { summarize } from '../../stats/summary.ts';
import { SCHEMA_VERSION, type CaseResult, type ResultsFile } from '../../core/results/model.ts';
import { parseResults } from '../../core/results/read.ts';

export interface CaseSpec {
  id: string;
  wallNs?: number[];
  status?: CaseResult['status'];
  reason?: string;
  suite?: CaseResult['suite'];
  extra?: Record<string, number[]>;
}

export function makeCase(spec: CaseSpec): CaseResult {
  const [suite, runtime = 'node', mode = 'tiered', cacheState = 'cold', fixture = 'noop'] = spec.id.split('/');
  const metrics: CaseResult['metrics'] = {};
  for (const [name, samples] of Object.entries({ ...(spec.wallNs ? { wallNs: spec.wallNs } : {}), ...spec.extra })) {
    metrics[name] = { unit: 'ns', samples, summary: summarize(samples) };
  }
  return {
    id: spec.id,
    suite: (spec.suite ?? suite) as CaseResult['suite'],
    runtime,
    host: 'embed-node',
    mode: mode as CaseResult['mode'],
    modeName: mode,
    cacheState: cacheState as CaseResult['cacheState'],
    fixture,
    params: {},
    status: spec.status ?? 'ok',
    ...(spec.reason ? { reason: spec.reason } : {}),
    command: ['/usr/bin/node'],
    flags: [],
    metrics,
    errors: [],
    warnings: [],
    warmups: 1,
  };
}

/** A valid results file (checked by the one reader, as every file a test writes on purpose should be). */
export function makeResults(
  runId: string,
  cases: CaseSpec[],
  env: { arch?: string; cpuModel?: string } = {},
): ResultsFile {
  return parseResults(
    {
      schemaVersion: SCHEMA_VERSION,
      runId,
      startedAt: '2026-11-21T10:00:00.000Z',
      finishedAt: '2026-11-21T10:05:00.000Z',
      state: 'complete',
      tool: { name: 'wasmbench', version: '0.0.0-test' },
      seed: 7,
      config: {},
      environment: { arch: env.arch ?? 'x64', cpuModel: env.cpuModel ?? 'Test CPU 3000', cores: 2 },
      runtimes: [],
      cases: cases.map(makeCase),
      analyses: [],
    } satisfies ResultsFile,
    `makeResults(${runId})`,
  );
}

export function writeResults(dir: string, file: ResultsFile): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'results.json'), JSON.stringify(file, null, 2));
  return dir;
}

/** Deterministic "measured" samples: a base level with a fixed spread pattern. */
export function spread(levelNs: number, n: number, relSpread = 0.04): number[] {
  return Array.from({ length: n }, (_, i) => Math.round(levelNs * (1 + relSpread * Math.sin(i * 2.4))));
}
