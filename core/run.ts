/**
 * One benchmark run: config -> plan -> (prepare, measuring loop) per suite
 * -> results file. Reporting is done by subscribers of the event bus.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { RuntimeAdapter } from '../runners/types.ts';
import type { Suite, SuiteContext } from './plan/types.ts';
import type { ResolvedConfig } from './config/types.ts';
import { fingerprint } from './environment.ts';
import type { RunEventBus } from './events.ts';
import { measurePlanned } from './pipeline.ts';
import { createProcessTimer } from './process/timer.ts';
import { SCHEMA_VERSION, type ResultsFile } from './results/model.ts';
import { ResultsRecorder } from './results/recorder.ts';
import { ResultsStore } from './results/store.ts';
import { writeRunSamples } from './results/sidecar.ts';
import { OutDir } from './results/out-dir.ts';
import { makeWorkDir, removeStaleWorkDirs } from './temp-dirs.ts';
import { detectRuntimes, runtimeRecord } from './runtimes.ts';
import { toolVersion } from './tool-version.ts';
import { unknownName } from './errors.ts';
import { nativeRatios } from './ab/native-ratio.ts';
import { loadWorkloads, type LoadedWorkloads } from './workloads/load.ts';

export interface RunRequest {
  config: ResolvedConfig;
  runId: string;
  bus: RunEventBus;
  signal: AbortSignal;
  /** The suites this build has (suites/registry.ts allSuites()); the config picks among them by id. */
  suites: readonly Suite[];
  /** The runtime adapters this build has (runners/registry.ts allAdapters()). */
  adapters: readonly RuntimeAdapter[];
  /** Replace a run already in `config.out` (once this one has taken its first sample). */
  force?: boolean;
  /** Called once the recorder exists, e.g. to flush it from a second Ctrl-C (then `out.settle()`). */
  onRecorder?(recorder: ResultsRecorder, file: ResultsFile, out: OutDir): void;
}

export interface RunOutcome {
  file: ResultsFile;
  outDir: string;
  recorder: ResultsRecorder;
  /** False when the run took no sample and `outDir` kept the run it held (see OutDir.settle). */
  kept: boolean;
}

export async function runBenchmarks(request: RunRequest): Promise<RunOutcome> {
  const { config } = request;
  const suites = config.suites.map((id) => suiteById(request.suites, id));
  // Every workload check (a UsageError, exit 2) comes before --out is opened.
  const workloads = config.workloads.length
    ? await loadWorkloads(config.workloads, { baseDir: config.workloadsBaseDir, timeoutMs: config.timeoutMs })
    : undefined;
  // Checked before anything slow, written to a staging dir until the first sample (core/results/out-dir.ts).
  const out = OutDir.open(config.out, { force: request.force });
  try {
    return await measure(request, suites, out, workloads);
  } catch (err) {
    out.discard();
    throw err;
  }
}

async function measure(
  request: RunRequest,
  suites: Suite[],
  out: OutDir,
  workloads: LoadedWorkloads | undefined,
): Promise<RunOutcome> {
  const { config, bus, signal } = request;
  const store = new ResultsStore(out);
  await removeStaleWorkDirs();
  const [environment, runtimes, timer] = await Promise.all([
    fingerprint(),
    detectRuntimes(request.adapters, config.runtimes),
    createProcessTimer({ method: config.timing }),
  ]);
  if (timer.fallbackReason)
    bus.emit('message', {
      level: 'warn',
      text: `timing with Node's spawn (no per-child CPU/RSS): ${timer.fallbackReason}`,
    });
  const file: ResultsFile = {
    schemaVersion: SCHEMA_VERSION,
    runId: request.runId,
    startedAt: new Date().toISOString(),
    finishedAt: null,
    state: 'running',
    tool: { name: 'wasmbench', version: await toolVersion() },
    seed: config.seed,
    config: { ...config },
    environment: { ...environment },
    runtimes: runtimes.map(runtimeRecord),
    cases: [],
    analyses: [],
  };
  const recorder = new ResultsRecorder(file, store);
  recorder.subscribe(bus);
  recorder.flush();
  request.onRecorder?.(recorder, file, out);
  const workDir = await makeWorkDir('run');
  let finished = false;
  try {
    const ctx: SuiteContext = { config, runtimes, timer, bus, workDir, signal, workloads };
    for (const suite of suites) {
      if (signal.aborted) break;
      await runSuite(suite, ctx, recorder);
    }
    // Each wasm case over its native twin: a machine-independent figure for trends across machines.
    recorder.addAnalyses(nativeRatios(recorder.snapshot().cases));
    // Sightglass modules: the measured region alone, where the cases report it.
    recorder.addAnalyses(nativeRatios(recorder.snapshot().cases, 'benchNs'));
    finished = true;
  } finally {
    file.finishedAt = new Date().toISOString();
    // A run cut short by an error (a later suite failing to plan) is not complete either.
    file.state = signal.aborted || !finished ? 'interrupted' : 'complete';
    recorder.flush();
    store.close();
    timer.close?.();
    await rm(workDir, { recursive: true, force: true });
    // After the final flush: results.json is complete before the sidecar is attempted.
    await writeRunSamples(recorder, file, out.path, bus);
  }
  return { file, outDir: out.dir, recorder, kept: out.settle() };
}

async function runSuite(suite: Suite, ctx: SuiteContext, recorder: ResultsRecorder): Promise<void> {
  const sub = { ...ctx, workDir: join(ctx.workDir, suite.id) };
  await mkdir(sub.workDir, { recursive: true });
  const planned = await suite.plan(sub);
  for (const p of planned) recorder.addCase(p);
  await measurePlanned(suite.id, planned, [recorder], { bus: ctx.bus, signal: ctx.signal, seed: ctx.config.seed });
  if (suite.analyze) recorder.addAnalyses(suite.analyze(recorder.snapshot().cases.filter((c) => c.suite === suite.id)));
  recorder.flush();
  ctx.bus.emit('suite-done', { suite: suite.id });
}

function suiteById(suites: readonly Suite[], id: string): Suite {
  const suite = suites.find((s) => s.id === id);
  if (!suite)
    throw unknownName(
      'suite',
      id,
      suites.map((s) => s.id),
    );
  return suite;
}
