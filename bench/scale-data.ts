/**
 * A synthetic throughput run recorded THROUGH the results recorder (the same
 * path `wasmbench run` takes): cases x rounds of per-request latencies
 * (`latencyNs`, `serviceLatencyNs`) plus per-second rates, then the final
 * flush and samples.parquet. Used by bench/scale.ts and by tests that need
 * a large, valid results set. Latencies are deterministic (seeded): a
 * log-normal body around `medianNs` with a 1% slow tail.
 */
import { RunEventBus } from '../core/events.ts';
import { SCHEMA_VERSION, type ResultsFile } from '../core/results/model.ts';
import { ResultsRecorder } from '../core/results/recorder.ts';
import { writeRunSamples } from '../core/results/sidecar.ts';
import { ResultsStore } from '../core/results/store.ts';
import { createRng } from '../stats/random.ts';
import type { PlannedCase } from '../suites/types.ts';

export interface SyntheticRunOptions {
  outDir: string;
  runId: string;
  /** Latency values per case over all rounds (each of latencyNs and serviceLatencyNs). */
  latenciesPerCase: number;
  cases: number;
  rounds?: number;
  seed?: number;
  medianNs?: number;
  /** Multiply every latency of case i by slowdown(i) (e.g. a regression in the head run). */
  slowdown?: (caseIndex: number) => number;
  /** Also write samples.parquet. @default true */
  parquet?: boolean;
}

function plannedCase(i: number): PlannedCase {
  const variant = `v${i}`;
  return {
    header: {
      id: `throughput/${variant}/node/tiered`,
      suite: 'throughput',
      runtime: 'node',
      host: 'embed-node',
      mode: 'tiered',
      modeName: 'turbofan',
      cacheState: 'warm',
      fixture: 'http-handler',
      params: { variant, connections: 8 },
      command: ['/usr/bin/node'],
      flags: [],
      warmups: 0,
    },
    units: { requestsPerSec: 'req/s', latencyNs: 'ns', serviceLatencyNs: 'ns' },
    histogramMetrics: ['latencyNs', 'serviceLatencyNs'],
    streamMetrics: ['latencyNs', 'serviceLatencyNs'],
    prepare: async () => {},
    loopCase: {
      id: `throughput/${variant}/node/tiered`,
      warmups: 0,
      iterations: 0,
      takeSample: async () => ({ ok: true, metrics: {} }),
    },
  } as PlannedCase;
}

/** Samples from a log-normal around medianNs, with 1% of requests 5-20x slower. */
function latencies(n: number, medianNs: number, rng: () => number): number[] {
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const z = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
    const tail = rng() < 0.01 ? 5 + 15 * rng() : 1;
    out[i] = Math.round(medianNs * Math.exp(0.25 * z) * tail);
  }
  return out;
}

export async function recordSyntheticRun(options: SyntheticRunOptions): Promise<ResultsFile> {
  const rounds = options.rounds ?? 3;
  const rng = createRng(options.seed ?? 1);
  const store = new ResultsStore(options.outDir);
  const bus = new RunEventBus();
  const file: ResultsFile = {
    schemaVersion: SCHEMA_VERSION,
    runId: options.runId,
    startedAt: new Date(0).toISOString(),
    finishedAt: null,
    state: 'running',
    tool: { name: 'wasmbench', version: '0.0.0-scale' },
    seed: options.seed ?? 1,
    config: { synthetic: 'bench/scale-data.ts' },
    environment: { arch: process.arch, cpuModel: 'synthetic', cores: 2 },
    runtimes: [],
    cases: [],
    analyses: [],
  };
  const recorder = new ResultsRecorder(file, store);
  recorder.subscribe(bus);
  for (let i = 0; i < options.cases; i++) recorder.addCase(plannedCase(i));
  const perRound = Math.ceil(options.latenciesPerCase / rounds);
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < options.cases; i++) {
      const n = Math.min(perRound, options.latenciesPerCase - round * perRound);
      const level = (options.medianNs ?? 200_000) * (1 + i * 0.1) * (options.slowdown?.(i) ?? 1);
      bus.emit('sample', {
        caseId: plannedCase(i).header.id,
        phase: 'measure',
        index: round,
        metrics: {
          requestsPerSec: [Math.round(1e9 / level)],
          latencyNs: latencies(n, level, rng),
          serviceLatencyNs: latencies(n, level * 0.8, rng),
        },
      });
    }
  }
  file.finishedAt = new Date(0).toISOString();
  file.state = 'complete';
  recorder.flush();
  if (options.parquet !== false) await writeRunSamples(recorder, file, options.outDir, bus);
  return file;
}
