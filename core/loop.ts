/**
 * The measuring loop. It knows cases only as "something that can take a
 * sample": no runtime, no suite. Samples are interleaved round by round in
 * an order shuffled with a recorded seed, so drift favours no case.
 */
import { createRng, shuffle } from '../stats/random.ts';
import type { RunEventBus, SampleMetrics, SamplePhase } from './events.ts';
import type { SampleError } from './results/model.ts';

export type SampleOutcome = { ok: true; metrics: SampleMetrics } | { ok: false; error: Omit<SampleError, 'index'> };

export interface LoopCase {
  id: string;
  warmups: number;
  iterations: number;
  /** Untimed work before every sample (e.g. clearing a cold cache). */
  beforeSample?(): Promise<void>;
  /** Untimed work after every sample, even a failed one (e.g. removing what beforeSample made for it). */
  afterSample?(): Promise<void>;
  takeSample(phase: SamplePhase, index: number): Promise<SampleOutcome>;
}

export interface LoopOptions {
  seed: number;
  signal?: AbortSignal;
  /** Stop sampling a case after this many failures in a row. @default 3 */
  maxConsecutiveErrors?: number;
}

interface CaseState {
  readonly loopCase: LoopCase;
  warmupsDone: number;
  measured: number;
  errors: number;
  consecutiveErrors: number;
  stopped: string | null;
}

/** What the loop did with each case. */
export interface LoopCaseReport {
  id: string;
  measured: number;
  errors: number;
  stoppedReason: string | null;
}

function nextPhase(state: CaseState): SamplePhase | null {
  if (state.stopped) return null;
  if (state.warmupsDone < state.loopCase.warmups) return 'warmup';
  if (state.measured + state.errors < state.loopCase.iterations) return 'measure';
  return null;
}

export async function runLoop(
  cases: readonly LoopCase[],
  options: LoopOptions,
  bus: RunEventBus,
): Promise<LoopCaseReport[]> {
  const rng = createRng(options.seed);
  const limit = options.maxConsecutiveErrors ?? 3;
  const states: CaseState[] = cases.map((loopCase) => ({
    loopCase,
    warmupsDone: 0,
    measured: 0,
    errors: 0,
    consecutiveErrors: 0,
    stopped: null,
  }));
  for (;;) {
    const active = states.filter((s) => nextPhase(s) !== null);
    if (active.length === 0 || options.signal?.aborted) break;
    for (const state of shuffle(active, rng)) {
      if (options.signal?.aborted) break;
      await takeOne(state, nextPhase(state)!, bus, limit);
    }
  }
  return states.map((s) => ({
    id: s.loopCase.id,
    measured: s.measured,
    errors: s.errors,
    stoppedReason: s.stopped ?? (options.signal?.aborted && nextPhase(s) ? 'interrupted' : null),
  }));
}

async function takeOne(state: CaseState, phase: SamplePhase, bus: RunEventBus, limit: number): Promise<void> {
  const { loopCase } = state;
  const index = phase === 'warmup' ? state.warmupsDone : state.measured + state.errors;
  let outcome: SampleOutcome;
  try {
    try {
      await loopCase.beforeSample?.();
      outcome = await loopCase.takeSample(phase, index);
    } finally {
      await loopCase.afterSample?.();
    }
  } catch (err) {
    outcome = { ok: false, error: { kind: 'internal', message: (err as Error).message, stderrTail: '' } };
  }
  if (phase === 'warmup') state.warmupsDone++;
  if (outcome.ok) {
    state.consecutiveErrors = 0;
    if (phase === 'measure') state.measured++;
    bus.emit('sample', { caseId: loopCase.id, phase, index, metrics: outcome.metrics });
    return;
  }
  // A failed warmup is reported but does not use up a measured slot; it does
  // count towards the consecutive-failure limit, so a broken case stops early.
  if (phase === 'measure') state.errors++;
  state.consecutiveErrors++;
  bus.emit('sample-error', { caseId: loopCase.id, phase, error: { ...outcome.error, index } });
  if (state.consecutiveErrors >= limit) {
    state.stopped = `stopped after ${limit} consecutive failed samples (last: ${outcome.error.message})`;
  }
}
