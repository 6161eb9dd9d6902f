/**
 * The ratio of each wasm case to its native twin (same suite, fixture and
 * params, runtime `native`), recorded as `native-ratio` analyses. A wasm
 * figure divided by the native figure measured on the same machine cancels
 * most of the machine's speed, so trend lines from different CI runners can
 * share one axis.
 */
import { createHash } from 'node:crypto';
import type { CaseResult, NativeRatioAnalysis } from '../results/model.ts';
import { pairedMedianRatioCI, ratioComparable } from '../../stats/compare.ts';
import { bootstrapMedianRatioCI, createRng } from '../../stats/random.ts';

/**
 * ratio = median(wasm) / median(native); ci95 is its 95% percentile-bootstrap
 * interval (2000 resamples, seeded from the case id; by round for A/B runs);
 * runId is set on merged files: the run both cases came from.
 */
export type { NativeRatioAnalysis };

function twinKey(c: CaseResult): string {
  return JSON.stringify([c.suite, c.fixture, c.params ?? {}, c.runId ?? null]);
}

/** Params that differ between a wasm case and its native twin only by how the run was organised. */
function comparableParams(c: CaseResult): CaseResult {
  const { abRounds: _r, abSide: _s, ...params } = (c.params ?? {}) as Record<string, unknown>;
  return { ...c, params };
}

export function nativeRatios(cases: readonly CaseResult[], metric = 'wallNs'): NativeRatioAnalysis[] {
  const natives = new Map<string, CaseResult>();
  for (const c of cases) if (c.runtime === 'native' && c.status === 'ok') natives.set(twinKey(comparableParams(c)), c);
  const out: NativeRatioAnalysis[] = [];
  for (const c of cases) {
    if (c.runtime === 'native' || c.status !== 'ok') continue;
    const twin = natives.get(twinKey(comparableParams(c)));
    const wasm = c.metrics[metric]?.samples;
    const native = twin?.metrics[metric]?.samples;
    if (!twin || !wasm || !native || ratioComparable(native, wasm) !== null) continue;
    const seed = createHash('sha256').update(c.id).digest().readUInt32LE(0);
    // Same-job A/B samples the twin in the same rounds: resample rounds, so shared drift cancels.
    const paired = c.params?.abRounds === true && twin.params?.abRounds === true && wasm.length === native.length;
    const options = { resamples: 2000, confidence: 0.95, rng: createRng(seed) };
    const ci = paired ? pairedMedianRatioCI(native, wasm, options) : bootstrapMedianRatioCI(native, wasm, options);
    out.push({
      kind: 'native-ratio',
      caseId: c.id,
      nativeCaseId: twin.id,
      metric,
      ratio: ci.ratio,
      ci95: [ci.lo, ci.hi],
      ...(c.runId ? { runId: c.runId } : {}),
    });
  }
  return out;
}
