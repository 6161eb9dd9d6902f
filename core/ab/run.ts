/**
 * Same-job A/B: the base and head builds of a runtime (and the native twin)
 * sampled in the same rounds, in an order shuffled per round with a recorded
 * seed, in one job on one machine. History from other machines is mostly
 * noise on shared CI runners; this is the comparison that is not.
 *
 * Writes OUT/base/results.json and OUT/head/results.json: ordinary results
 * files whose cases pair by id (`wasmbench gate OUT/base OUT/head`), each
 * with the native twin and `native-ratio` analyses.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fingerprint } from '../environment.ts';
import type { RunEventBus } from '../events.ts';
import { runLoop } from '../loop.ts';
import { createProcessTimer } from '../process/timer.ts';
import { SCHEMA_VERSION, type CaseResult, type ResultsFile } from '../results/model.ts';
import { ResultsStore } from '../results/store.ts';
import { toolVersion } from '../tool-version.ts';
import { loadFixture } from '../../fixtures/manifest.ts';
import type { Mode } from '../../runners/types.ts';
import { PROCESS_UNITS } from '../../suites/guest-case.ts';
import { summarize } from '../../stats/summary.ts';
import { commandCases, nativeCase, type AbCase } from './cases.ts';
import { nativeRatios } from './native-ratio.ts';

export interface AbRequest {
  runId: string;
  base: string[];
  head: string[];
  fixtures: string[];
  /** Runtime name in case ids. @default 'ab' */
  name: string;
  mode: Mode;
  warmups: number;
  iterations: number;
  timeoutMs: number;
  seed: number;
  out: string;
  native: boolean;
  timing: 'auto' | 'wait4-helper' | 'node-spawn';
  bus: RunEventBus;
  signal?: AbortSignal;
}

export interface AbOutcome {
  base: ResultsFile;
  head: ResultsFile;
  outDir: string;
  notes: string[];
}

export async function runAb(req: AbRequest): Promise<AbOutcome> {
  const outDir = resolve(req.out);
  const workDir = await mkdtemp(join(tmpdir(), 'wasmbench-ab-'));
  const [environment, timer, version] = await Promise.all([fingerprint(), createProcessTimer({ method: req.timing }), toolVersion()]);
  const options = { name: req.name, mode: req.mode, warmups: req.warmups, iterations: req.iterations, timeoutMs: req.timeoutMs, timer, workDir };
  const notes: string[] = timer.fallbackReason ? [`timing with Node's spawn: ${timer.fallbackReason}`] : [];
  const cases: AbCase[] = [];
  try {
    for (const name of req.fixtures) {
      const fixture = await loadFixture(name);
      cases.push(commandCases(fixture, 'base', req.base, options), commandCases(fixture, 'head', req.head, options));
      if (!req.native) continue;
      const twin = await nativeCase(fixture, options);
      if (typeof twin === 'string') notes.push(twin);
      else cases.push(twin);
    }
    const results = new Map(cases.map((c) => [c.loopId, emptyResult(c)]));
    const stores = { base: new ResultsStore(join(outDir, 'base')), head: new ResultsStore(join(outDir, 'head')) };
    req.bus.on('sample', ({ caseId, phase, index, metrics }) => {
      const r = results.get(caseId);
      if (!r) return;
      for (const store of sidesOf(caseId, stores)) store.appendSample({ caseId: r.id, phase, index, ok: true, metrics });
      if (phase !== 'measure') return;
      for (const [name, value] of Object.entries(metrics)) {
        (r.metrics[name] ??= { unit: PROCESS_UNITS[name] ?? 'ns', samples: [], summary: null }).samples.push(...[value].flat());
      }
    });
    req.bus.on('sample-error', ({ caseId, phase, error }) => {
      results.get(caseId)?.errors.push({ ...error, message: phase === 'warmup' ? `warmup: ${error.message}` : error.message });
    });
    const startedAt = new Date().toISOString();
    const samples = cases.reduce((n, c) => n + c.loopCase.warmups + c.loopCase.iterations, 0);
    req.bus.emit('suite-start', { suite: 'startup', cases: cases.length, samples, estimateMs: null });
    const reports = await runLoop(cases.map((c) => c.loopCase), { seed: req.seed, signal: req.signal }, req.bus);
    req.bus.emit('suite-done', { suite: 'startup' });
    for (const report of reports) {
      const r = results.get(report.id)!;
      if (report.errors > 0 || report.stoppedReason || report.measured === 0) {
        r.status = 'errored';
        r.reason = report.stoppedReason ?? `${report.errors} of ${report.errors + report.measured} samples failed (first: ${r.errors[0]?.message ?? 'none'})`;
      }
      for (const m of Object.values(r.metrics)) m.summary = summarize(m.samples);
    }
    const file = (side: 'base' | 'head'): ResultsFile => {
      const sideCases = cases.filter((c) => c.side === side || c.side === 'native').map((c) => results.get(c.loopId)!);
      return {
        schemaVersion: SCHEMA_VERSION, runId: `${req.runId}-${side}`, startedAt, finishedAt: new Date().toISOString(),
        state: req.signal?.aborted ? 'interrupted' : 'complete', tool: { name: 'wasmbench', version }, seed: req.seed,
        config: { ab: { side, base: req.base, head: req.head, fixtures: req.fixtures, name: req.name, mode: req.mode, warmups: req.warmups, iterations: req.iterations, timeoutMs: req.timeoutMs } },
        environment: { ...environment }, runtimes: [], cases: sideCases,
        analyses: [{ kind: 'ab-rounds', side, seed: req.seed, rounds: req.iterations, order: 'shuffled per round' }, ...nativeRatios(sideCases)],
      };
    };
    const outcome = { base: file('base'), head: file('head'), outDir, notes };
    stores.base.writeResults(outcome.base);
    stores.head.writeResults(outcome.head);
    return outcome;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

function emptyResult(c: AbCase): CaseResult {
  return { ...c.header, status: 'ok', metrics: {}, errors: [], warnings: [] };
}

/** The native twin's samples belong to both sides' logs. */
function sidesOf(loopId: string, stores: { base: ResultsStore; head: ResultsStore }): ResultsStore[] {
  if (loopId.startsWith('base:')) return [stores.base];
  if (loopId.startsWith('head:')) return [stores.head];
  return [stores.base, stores.head];
}
