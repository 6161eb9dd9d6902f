/**
 * Same-job A/B: the base and head builds of a runtime (and the native twin)
 * sampled in the same rounds, in an order shuffled per round with a recorded
 * seed, in one job on one machine. History from other machines is mostly
 * noise on shared CI runners; this is the comparison that is not.
 *
 * The cases come from a planner passed in (suites/ab/cases.ts) and go
 * through the same pipeline and recorder as `run`: one recorder per side
 * writes OUT/base and OUT/head (the native twin feeds both), incrementally,
 * with histograms and warnings. Their cases pair by id
 * (`wasmbench gate OUT/base OUT/head`); each file has `native-ratio` analyses.
 */
import { rm } from 'node:fs/promises';
import { fingerprint } from '../environment.ts';
import type { RunEventBus } from '../events.ts';
import { measurePlanned } from '../pipeline.ts';
import type { PlannedCase } from '../plan/types.ts';
import { createProcessTimer, type ProcessTimer } from '../process/timer.ts';
import { SCHEMA_VERSION, type ResultsFile, type RuntimeRecord } from '../results/model.ts';
import { ResultsRecorder } from '../results/recorder.ts';
import { ResultsStore } from '../results/store.ts';
import { OutDir } from '../results/out-dir.ts';
import { makeWorkDir, removeStaleWorkDirs } from '../temp-dirs.ts';
import { toolVersion } from '../tool-version.ts';
import type { Mode } from '../../runners/types.ts';
import { nativeRatios } from './native-ratio.ts';

export type AbSide = 'base' | 'head' | 'native';

/** A planned case and the side it belongs to (the native twin belongs to both files). */
export interface AbPlannedCase extends PlannedCase {
  side: AbSide;
}

export interface AbPlanContext {
  timer: ProcessTimer;
  /** A private scratch directory, removed after the run. */
  workDir: string;
}

export interface AbPlan {
  cases: AbPlannedCase[];
  /** Facts for the console, e.g. why there is no native twin. */
  notes: string[];
  runtimes: { base: RuntimeRecord[]; head: RuntimeRecord[] };
}

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
  /** Replace an A/B run already in `out`, once this one has taken its first sample. */
  force?: boolean;
  timing: 'auto' | 'wait4-helper' | 'node-spawn';
  bus: RunEventBus;
  signal?: AbortSignal;
  plan(ctx: AbPlanContext): Promise<AbPlan>;
}

export interface AbOutcome {
  base: ResultsFile;
  head: ResultsFile;
  outDir: string;
  notes: string[];
  /** False when nothing was sampled and `outDir` kept the run it held. */
  kept: boolean;
}

/** Files whose presence means a directory holds an A/B run. */
export const AB_RUN_FILES = ['base/results.json', 'head/results.json'];

type Side = 'base' | 'head';

export async function runAb(req: AbRequest): Promise<AbOutcome> {
  // Staged until the first sample (core/results/out-dir.ts): a failure before it leaves `out` as it was.
  const out = OutDir.open(req.out, { force: req.force, runFiles: AB_RUN_FILES });
  try {
    return await measureAb(req, out);
  } catch (err) {
    out.discard();
    throw err;
  }
}

async function measureAb(req: AbRequest, out: OutDir): Promise<AbOutcome> {
  const signal = req.signal ?? new AbortController().signal;
  await removeStaleWorkDirs();
  const workDir = await makeWorkDir('ab');
  const [environment, timer, version] = await Promise.all([
    fingerprint(),
    createProcessTimer({ method: req.timing }),
    toolVersion(),
  ]);
  try {
    const plan = await req.plan({ timer, workDir });
    const notes = [
      ...(timer.fallbackReason ? [`timing with Node's spawn: ${timer.fallbackReason}`] : []),
      ...plan.notes,
    ];
    const sides = (['base', 'head'] as const).map((side) => {
      const file: ResultsFile = {
        schemaVersion: SCHEMA_VERSION,
        runId: `${req.runId}-${side}`,
        startedAt: new Date().toISOString(),
        finishedAt: null,
        state: 'running',
        tool: { name: 'wasmbench', version },
        seed: req.seed,
        config: abConfig(req, side),
        environment: { ...environment },
        runtimes: plan.runtimes[side],
        cases: [],
        analyses: [],
      };
      const recorder = new ResultsRecorder(file, new ResultsStore(out, side));
      recorder.subscribe(req.bus);
      for (const c of plan.cases) if (c.side === side || c.side === 'native') recorder.addCase(c);
      recorder.flush();
      return { side, file, recorder };
    });
    await measurePlanned(
      'startup',
      plan.cases,
      sides.map((s) => s.recorder),
      { bus: req.bus, signal, seed: req.seed },
    );
    req.bus.emit('suite-done', { suite: 'startup' });
    for (const { side, file, recorder } of sides) {
      recorder.addAnalyses([
        { kind: 'ab-rounds', side, seed: req.seed, rounds: req.iterations, order: 'shuffled per round' },
        ...nativeRatios(recorder.snapshot().cases),
      ]);
      file.finishedAt = new Date().toISOString();
      file.state = signal.aborted ? 'interrupted' : 'complete';
      recorder.flush();
    }
    return { base: sides[0].file, head: sides[1].file, outDir: out.dir, notes, kept: out.settle() };
  } finally {
    timer.close?.();
    await rm(workDir, { recursive: true, force: true });
  }
}

function abConfig(req: AbRequest, side: Side): ResultsFile['config'] {
  return {
    ab: {
      side,
      base: req.base,
      head: req.head,
      fixtures: req.fixtures,
      name: req.name,
      mode: req.mode,
      warmups: req.warmups,
      iterations: req.iterations,
      timeoutMs: req.timeoutMs,
    },
  };
}
